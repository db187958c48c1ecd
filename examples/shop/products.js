/* Maple & Moss demo catalog: static, trusted data (the SVG pictures are
   inserted as markup; every other field is inserted with textContent). */
window.SHOP_PRODUCTS = [
  {
    id: 'p1', name: 'Ceramic Pour-Over Dripper', category: 'Coffee', brand: 'Kettleworks', price: 28,
    tag: 'Bestseller', bg: '#f3e9dc',
    description: 'A single-cup cone dripper glazed in matte white stoneware. Spiral ribs keep the paper filter off the walls for an even, clean extraction. Fits most mugs and carafes.',
    art: '<path d="M54 92h52l-6 40H60z" fill="#eef3f4" stroke="#9fb3ba" stroke-width="3" stroke-linejoin="round"/><path d="M60 112h40l-2 16H62z" fill="#7a4a2a"/><path d="M40 46h80l-24 42H64z" fill="#fbf8f2" stroke="#3c4a4f" stroke-width="3" stroke-linejoin="round"/><path d="M58 56l12 26M80 56v26M102 56l-12 26" stroke="#d9d2c4" stroke-width="2"/><rect x="58" y="86" width="44" height="8" rx="3" fill="#3c4a4f"/>'
  },
  {
    id: 'p2', name: 'Stoneware Mug, Set of 2', category: 'Coffee', brand: 'Fjord', price: 34,
    bg: '#e7efe9',
    description: 'Hand-thrown 12 oz mugs with a speckled sand glaze and a thumb-friendly handle. Dishwasher and microwave safe, and heavy enough to keep your coffee warm.',
    art: '<path d="M82 56h38v56a8 8 0 0 1-8 8H90a8 8 0 0 1-8-8z" fill="#7b9e89"/><path d="M120 68h5a10 10 0 0 1 0 20h-5" fill="none" stroke="#7b9e89" stroke-width="6"/><path d="M36 70h44v56a8 8 0 0 1-8 8H44a8 8 0 0 1-8-8z" fill="#ead9bf"/><path d="M80 82h6a10 10 0 0 1 0 20h-6" fill="none" stroke="#ead9bf" stroke-width="6"/><ellipse cx="58" cy="72" rx="20" ry="4" fill="#5a3b28"/><circle cx="48" cy="96" r="1.6" fill="#b89f7c"/><circle cx="66" cy="108" r="1.6" fill="#b89f7c"/><circle cx="56" cy="118" r="1.6" fill="#b89f7c"/>'
  },
  {
    id: 'p3', name: 'Gooseneck Kettle 1L', category: 'Coffee', brand: 'Kettleworks', price: 79,
    tag: 'New', bg: '#efe7dd',
    description: 'A precise, slow-pour spout and a built-in thermometer for the perfect pour-over. Brushed matte black steel body that works on gas, electric and induction.',
    art: '<path d="M46 126c-20-6-22-40-34-62" fill="none" stroke="#2d3436" stroke-width="6" stroke-linecap="round"/><path d="M48 68h58l8 62H40z" fill="#2d3436" stroke-linejoin="round"/><rect x="60" y="56" width="34" height="12" rx="4" fill="#2d3436"/><circle cx="77" cy="51" r="6" fill="#c8a064"/><path d="M108 76q24 6 14 40" fill="none" stroke="#c8a064" stroke-width="7" stroke-linecap="round"/><circle cx="77" cy="94" r="9" fill="#f4f1ea"/><path d="M77 94l4-5" stroke="#2d3436" stroke-width="2"/>'
  },
  {
    id: 'p4', name: 'Hand Burr Coffee Grinder', category: 'Coffee', brand: 'Ember', price: 129,
    bg: '#f1e4d3',
    description: 'Conical steel burrs with 40 click-stop settings, from espresso fine to French-press coarse. Walnut body, folding crank, and enough capacity for two cups.',
    art: '<path d="M58 60L50 36h60l-8 24z" fill="#dfe3e6" stroke="#7d868c" stroke-width="2" stroke-linejoin="round"/><rect x="76" y="24" width="8" height="14" fill="#55606a"/><path d="M80 27h36" stroke="#55606a" stroke-width="5" stroke-linecap="round"/><circle cx="118" cy="27" r="7" fill="#2d3436"/><rect x="54" y="58" width="52" height="74" rx="8" fill="#9c5a2c"/><rect x="54" y="94" width="52" height="6" fill="#7a4119"/><path d="M64 66v24M96 66v24" stroke="#b06d3b" stroke-width="2"/>'
  },
  {
    id: 'p5', name: 'Cast Iron Skillet 10"', category: 'Kitchen', brand: 'Ember', price: 59,
    tag: 'Bestseller', bg: '#ece7df',
    description: 'Pre-seasoned with flaxseed oil and ready for eggs on day one. Even heat from stovetop to oven to campfire, and it only gets better with every use.',
    art: '<path d="M104 70l38-12a6 6 0 0 1 4 11l-36 26z" fill="#2b2b2b"/><circle cx="141" cy="64" r="3" fill="#ece7df"/><circle cx="66" cy="84" r="46" fill="#2b2b2b"/><circle cx="66" cy="84" r="38" fill="#3b3b3b"/><path d="M48 78c0-14 24-18 32-8s4 24-12 24-20-6-20-16z" fill="#fff"/><circle cx="64" cy="82" r="7" fill="#f4b400"/>'
  },
  {
    id: 'p6', name: 'Olive Wood Serving Board', category: 'Kitchen', brand: 'Northfield', price: 45,
    bg: '#efeadf',
    description: 'Cut from a single piece of Tuscan olive wood, every board has its own grain. Generous enough for a cheese spread, slim enough to slide into a drawer.',
    art: '<path d="M124 78h14a10 10 0 0 1 0 20h-14z" fill="#c49a6c"/><circle cx="139" cy="88" r="3.5" fill="#efeadf"/><rect x="16" y="58" width="114" height="60" rx="16" fill="#c49a6c"/><path d="M24 76q44-10 98 2M22 96q52 10 102-4M40 108q30 4 60-2" stroke="#a57a4f" stroke-width="2" fill="none" stroke-linecap="round"/><ellipse cx="70" cy="86" rx="7" ry="4" fill="none" stroke="#a57a4f" stroke-width="2"/>'
  },
  {
    id: 'p7', name: 'Chef\'s Knife 8"', category: 'Kitchen', brand: 'Fjord', price: 95,
    bg: '#e6ebee',
    description: 'Forged from Swedish high-carbon stainless steel and sharpened to a 15° edge. A balanced, full-tang blade with a rounded spine that is kind to your fingers.',
    art: '<g transform="rotate(-28 80 80)"><path d="M14 88Q26 62 102 62v26z" fill="#dfe4e8" stroke="#8f9aa3" stroke-width="2" stroke-linejoin="round"/><path d="M30 80q30-8 70-10" stroke="#c3cbd1" stroke-width="2" fill="none"/><rect x="102" y="64" width="46" height="22" rx="7" fill="#3b2a20"/><circle cx="114" cy="75" r="2.6" fill="#c9ced2"/><circle cx="126" cy="75" r="2.6" fill="#c9ced2"/><circle cx="138" cy="75" r="2.6" fill="#c9ced2"/></g>'
  },
  {
    id: 'p8', name: 'Linen Kitchen Apron', category: 'Kitchen', brand: 'Northfield', price: 38,
    bg: '#f2ece2',
    description: 'Stone-washed European linen with a cross-back strap that takes the weight off your neck. Two deep front pockets and long ties that wrap around to the front.',
    art: '<path d="M60 32q20-20 40 0" fill="none" stroke="#8c7b62" stroke-width="4"/><path d="M40 72l-20 16M120 72l20 16" stroke="#8c7b62" stroke-width="4" stroke-linecap="round"/><path d="M60 32h40v24l22 12v64a6 6 0 0 1-6 6H44a6 6 0 0 1-6-6V68l22-12z" fill="#cdbfa8"/><rect x="54" y="92" width="52" height="26" rx="3" fill="#bcac91"/><path d="M80 92v26" stroke="#cdbfa8" stroke-width="2"/>'
  },
  {
    id: 'p9', name: 'Trail Daypack 22L', category: 'Outdoor', brand: 'Trailhead', price: 89,
    tag: 'New', bg: '#f3e4dc',
    description: 'A weather-resistant waxed-canvas pack with a padded laptop sleeve, a quick-access front pocket and a breathable back panel for long days on the trail.',
    art: '<path d="M66 40v-8a14 14 0 0 1 28 0v8" fill="none" stroke="#7a3320" stroke-width="5"/><rect x="42" y="38" width="76" height="96" rx="24" fill="#d35f3c"/><path d="M46 64q34-14 68 0" fill="none" stroke="#7a3320" stroke-width="3"/><rect x="54" y="86" width="52" height="36" rx="8" fill="#b44b2c"/><rect x="74" y="92" width="12" height="5" rx="2.5" fill="#f3e3d3"/>'
  },
  {
    id: 'p10', name: 'Insulated Bottle 750 ml', category: 'Outdoor', brand: 'Trailhead', price: 32,
    bg: '#dfeaf0',
    description: 'Double-wall vacuum steel keeps drinks cold for 24 hours and hot for 12. Leak-proof cap with a carry loop; it fits standard cup holders and bike cages.',
    art: '<path d="M72 28a8 8 0 0 1 16 0" fill="none" stroke="#1f2a30" stroke-width="4"/><rect x="64" y="30" width="32" height="18" rx="6" fill="#1f2a30"/><rect x="58" y="46" width="44" height="90" rx="14" fill="#2f6f8f"/><rect x="58" y="74" width="44" height="20" fill="#3f86aa"/><rect x="67" y="56" width="5" height="70" rx="2.5" fill="#fff" opacity=".28"/>'
  },
  {
    id: 'p11', name: 'Rechargeable Camp Lantern', category: 'Outdoor', brand: 'Ember', price: 49,
    bg: '#f4eedb',
    description: 'A warm, flicker-free 300 lumen glow with a dimmer and a USB-C charging port. Runs up to 40 hours on low and doubles as a power bank for your phone.',
    art: '<path d="M64 36a16 16 0 0 1 32 0" fill="none" stroke="#333" stroke-width="4"/><rect x="56" y="36" width="48" height="12" rx="4" fill="#2f5d50"/><rect x="60" y="48" width="40" height="62" rx="6" fill="#ffe7a8"/><circle cx="80" cy="80" r="15" fill="#ffd166"/><path d="M80 68q8 10 0 22q-8-12 0-22z" fill="#fb8500"/><path d="M70 48v62M90 48v62" stroke="#2f5d50" stroke-width="3"/><rect x="54" y="108" width="52" height="18" rx="4" fill="#2f5d50"/>'
  },
  {
    id: 'p12', name: 'Merino Wool Throw', category: 'Outdoor', brand: 'Northfield', price: 110,
    bg: '#f1e2e2',
    description: 'A cosy tartan throw woven in Scotland from soft merino. Warm on a cold porch, light enough to roll up and take to the campsite or the beach.',
    art: '<rect x="28" y="94" width="104" height="32" rx="8" fill="#8c2f39"/><rect x="28" y="60" width="104" height="34" rx="8" fill="#b23a48"/><path d="M28 72h104M28 80h104M28 106h104M28 114h104M58 60v66M102 60v66" stroke="#e8c07d" stroke-width="3" opacity=".65"/><path d="M36 126v6M46 126v6M56 126v6M66 126v6M76 126v6M86 126v6M96 126v6M106 126v6M116 126v6M126 126v6" stroke="#8c2f39" stroke-width="2"/>'
  },
  {
    id: 'p13', name: 'Wireless Headphones', category: 'Audio', brand: 'Sonora', price: 199,
    tag: 'Bestseller', bg: '#e7e6f1',
    description: 'Over-ear comfort with active noise cancelling, 40 hours of battery and a fast-charge that gives you 5 hours from a 10 minute top-up. Folds flat for travel.',
    art: '<path d="M40 96V80a40 40 0 0 1 80 0v16" fill="none" stroke="#263238" stroke-width="8" stroke-linecap="round"/><rect x="26" y="84" width="28" height="44" rx="11" fill="#263238"/><rect x="106" y="84" width="28" height="44" rx="11" fill="#263238"/><rect x="32" y="92" width="8" height="28" rx="4" fill="#e07a5f"/><rect x="120" y="92" width="8" height="28" rx="4" fill="#e07a5f"/>'
  },
  {
    id: 'p14', name: 'Bookshelf Speaker', category: 'Audio', brand: 'Sonora', price: 149,
    bg: '#ece4df',
    description: 'A compact two-way Bluetooth speaker in a real walnut cabinet. Rich, room-filling sound with a silk-dome tweeter and an optical input for your TV.',
    art: '<rect x="46" y="26" width="68" height="110" rx="8" fill="#6d4c41"/><rect x="52" y="32" width="56" height="98" rx="5" fill="#3e2723"/><circle cx="80" cy="58" r="11" fill="#212121" stroke="#8d6e63" stroke-width="3"/><circle cx="80" cy="100" r="22" fill="#212121" stroke="#8d6e63" stroke-width="3"/><circle cx="80" cy="100" r="7" fill="#5d4037"/>'
  },
  {
    id: 'p15', name: 'Retro Pocket Radio', category: 'Audio', brand: 'Fjord', price: 65,
    tag: 'New', bg: '#f3ecd6',
    description: 'AM/FM and Bluetooth in a palm-sized shell with a telescopic antenna. A real tuning dial, a built-in rechargeable battery and a surprisingly big voice.',
    art: '<path d="M104 56L124 22" stroke="#555" stroke-width="3" stroke-linecap="round"/><circle cx="124" cy="22" r="3.5" fill="#555"/><rect x="32" y="54" width="96" height="68" rx="12" fill="#e9c46a"/><rect x="42" y="64" width="48" height="48" rx="6" fill="#264653"/><path d="M50 74h32M50 82h32M50 90h32M50 98h32" stroke="#3d6b7d" stroke-width="3" stroke-linecap="round"/><circle cx="109" cy="76" r="9" fill="#264653"/><path d="M109 76l4-5" stroke="#e9c46a" stroke-width="2"/><rect x="98" y="96" width="22" height="7" rx="3.5" fill="#264653"/>'
  },
  {
    id: 'p16', name: 'Belt-Drive Turntable', category: 'Audio', brand: 'Sonora', price: 289,
    bg: '#e9e2d6',
    description: 'A quiet belt-drive deck with a built-in phono preamp, a carbon tonearm and a pre-mounted cartridge. Plug it into any speaker and drop the needle.',
    art: '<rect x="18" y="38" width="124" height="92" rx="10" fill="#d7c4a3"/><circle cx="68" cy="84" r="38" fill="#1b1b1b"/><circle cx="68" cy="84" r="28" fill="none" stroke="#333" stroke-width="2"/><circle cx="68" cy="84" r="12" fill="#e76f51"/><circle cx="68" cy="84" r="2.5" fill="#1b1b1b"/><circle cx="124" cy="54" r="7" fill="#555"/><path d="M124 54l-4 50-18 10" fill="none" stroke="#777" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/><rect x="126" y="112" width="8" height="8" rx="2" fill="#555"/>'
  }
];
