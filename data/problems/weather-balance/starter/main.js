const [nLine, s] = require('fs').readFileSync(0, 'utf8').split('\n');
const n = Number(nLine);
// TODO: count the balanced stretches
console.log(0);
