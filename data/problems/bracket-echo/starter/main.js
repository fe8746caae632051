const s = require('fs').readFileSync(0, 'utf8').trim();
// TODO: find the first bracket that is out of place
console.log('OK');
