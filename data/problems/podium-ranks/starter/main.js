const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter(Boolean);
const n = Number(data[0]);
const climbers = [];
for (let i = 0; i < n; i++) climbers.push([data[1 + 2 * i], Number(data[2 + 2 * i])]);
// TODO: sort the climbers and assign ranks
console.log(climbers.map(([name, score]) => `1 ${name} ${score}`).join('\n'));
