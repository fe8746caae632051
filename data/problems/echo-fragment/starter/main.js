const [nLine, sLine] = require('fs').readFileSync(0, 'utf8').split('\n');
const n = Number(nLine);
const s = sLine.trim();
// TODO: find the longest fragment that occurs twice
console.log(0);
