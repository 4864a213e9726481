/**
 * An input the tool cannot read (binary, empty, undecodable). The message is a
 * one-line cause shown to the user as is, so it names the problem, not the code path.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
