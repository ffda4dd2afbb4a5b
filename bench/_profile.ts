// Profiling aid (not part of `npm run bench`): seeds a data dir and prints the cookie.
import { seedLibrary } from './_seed.js'

const dir = process.argv[2]!
console.log(seedLibrary(`${dir}/lumina.db`).cookie)
