// A worker for the parser's tests: the real one, except that a file containing HANG spins forever,
// as a parser stuck in a loop would (only terminating the thread stops it), and one containing HOG
// allocates until the thread's heap limit ends it.
import parseResume from '../resume-parse.worker.ts';

export default function parse(task) {
  const bytes = Buffer.from(task.bytes);
  if (bytes.includes('HANG')) {
    for (;;);
  }
  if (bytes.includes('HOG')) {
    const hoard = [];
    for (;;) hoard.push(new Array(1_000_000).fill(hoard.length));
  }
  return parseResume(task);
}
