/**
 * `interlingua` as bin/interlingua.js runs it, but from the build this file was compiled into:
 * bin/ runs build/, which is another build when the tests were compiled elsewhere. A file, not
 * `node --eval`, since `serve --workers N` forks its workers from the script it was started as.
 */
import { main } from '../../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
