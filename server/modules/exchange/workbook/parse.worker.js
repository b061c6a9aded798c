// The entry of the file-parsing worker thread (Piscina). A worker starts without the tsx loader of the main
// thread, so it registers tsx itself before loading the TypeScript task.
import { register } from 'tsx/esm/api';

register();
const { runParseTask } = await import('./parse-task.ts');

export default runParseTask;
