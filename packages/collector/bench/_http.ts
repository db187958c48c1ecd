import { benchHttp } from './ingest.js';
console.log(await benchHttp());
