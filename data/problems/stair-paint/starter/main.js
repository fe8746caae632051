// The step numbers go up to 10^18, beyond what a Number holds exactly: use BigInt.
const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter(Boolean);
const MOD = 1000000007n;
const t = Number(data[0]);
const out = [];
for (let i = 0; i < t; i++) {
  const a = BigInt(data[1 + 2 * i]), b = BigInt(data[2 + 2 * i]);
  // TODO: compute the varnish needed for steps a..b modulo MOD
  out.push(0n);
}
console.log(out.join('\n'));
