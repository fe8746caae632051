const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
const n = data[0], m = data[1];
const a = data.slice(2, 2 + n);
// TODO: count the dishes and find the most popular one
console.log(0);
console.log(0);
console.log(`${0} ${0}`);
