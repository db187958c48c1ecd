// People's names by language, and the email addresses people make of them.
import { pick, type Random } from './random.js';

type Names = { female: string[]; male: string[]; last: string[] };
const names = (female: string, male: string, last: string): Names => ({ female: female.split(' '), male: male.split(' '), last: last.split(' ') });

const byLanguage: Record<string, Names> = {
  en: names(
    'Olivia Emma Ava Sophia Mia Charlotte Amelia Grace Chloe Emily Hannah Lily',
    'Liam Noah Oliver James Elijah William Henry Lucas Benjamin Jack Samuel Owen',
    'Smith Johnson Williams Brown Jones Miller Davis Wilson Taylor Clark Walker Hall Young Allen Wright Scott',
  ),
  de: names('Anna Lena Marie Sophie Laura Julia Hannah Lea', 'Lukas Jonas Felix Leon Paul Maximilian Jürgen Tobias', 'Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schröder Hoffmann'),
  fr: names('Léa Chloé Manon Camille Inès Zoé Hélène Sarah', 'Lucas Hugo Louis Gabriel Arthur Jules Théo Nathan', 'Martin Bernard Dubois Thomas Robert Richard Petit Durand Lefèvre Moreau'),
  nl: names('Emma Julia Sophie Anna Tess Sanne Lotte', 'Daan Sem Lucas Finn Levi Bram Thijs', 'Jansen Visser Bakker Smit Meijer Mulder Bos Vos Dekker Peters'),
  nordic: names('Alice Maja Elsa Ebba Åsa Ingrid Nora Astrid', 'Oscar William Erik Lars Björn Magnus Henrik Olav', 'Andersson Johansson Karlsson Nilsson Eriksson Larsen Hansen Söderberg Berg'),
  ru: names('Anna Maria Elena Olga Natalia Daria Ekaterina Irina', 'Ivan Alexei Dmitry Sergei Mikhail Andrei Nikolai Pavel', 'Ivanov Smirnov Kuznetsov Popov Vasiliev Petrov Sokolov Volkov'),
  es: names('Lucía Sofía María Martina Paula Carmen Elena', 'Hugo Martín Pablo Alejandro Daniel José Javier', 'García Martínez López Sánchez González Pérez Rodríguez Fernández'),
  it: names('Giulia Sofia Aurora Alice Chiara Francesca Martina', 'Leonardo Francesco Alessandro Lorenzo Matteo Andrea Marco', 'Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci'),
  pl: names('Zofia Julia Maja Hanna Aleksandra Katarzyna', 'Jakub Jan Antoni Szymon Piotr Tomasz', 'Nowak Kowalski Wiśniewski Wójcik Kamiński Lewandowski Zieliński'),
  in: names('Aadhya Ananya Diya Priya Saanvi Isha Kavya', 'Aarav Vihaan Arjun Rohan Aditya Rahul Vikram', 'Sharma Patel Singh Kumar Gupta Reddy Iyer Nair'),
  pt: names('Maria Ana Júlia Beatriz Larissa Camila Fernanda', 'João Pedro Lucas Gabriel Rafael Mateus Thiago', 'Silva Santos Oliveira Souza Pereira Costa Gonçalves Almeida'),
  ja: names('Yui Aoi Hina Sakura Yuna Mei Haruka', 'Haruto Sota Yuto Riku Ren Kaito Takumi', 'Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura'),
};

export interface Name {
  first: string;
  last: string;
  gender: 'female' | 'male';
}

export function nameOf(r: Random, language: string): Name {
  const set = byLanguage[language] ?? byLanguage.en!;
  const gender = r() < 0.52 ? 'female' : 'male';
  return { first: pick(r, set[gender]), last: pick(r, set.last), gender };
}

// ø, ł, ß and æ do not decompose into a letter and an accent. Names are few: each is worked out once.
const plainNames = new Map<string, string>();
const plain = (text: string) => {
  let result = plainNames.get(text);
  if (result === undefined) plainNames.set(text, (result = ascii(text)));
  return result;
};
const ascii = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/g, 'o').replace(/ł/g, 'l').replace(/ß/g, 'ss').replace(/æ/g, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** The person's number makes the address unique, as the number people add when their name is taken. */
export function emailOf(r: Random, name: Name, number: number, domains: string[]): string {
  const first = plain(name.first);
  const last = plain(name.last);
  const local = pick(r, [`${first}.${last}`, `${first}${last}`, `${first[0]}${last}`, `${first}_${last}`]);
  return `${local}${number}@${pick(r, domains)}`;
}
