/** One thing wrong with an input, where it is (a dotted path) and a Vietnamese sentence. */
export interface Problem {
  path: string;
  message: string;
}
