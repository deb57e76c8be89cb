/** Validation split shared with train/: every tenth piece by sorted name (index % 10 == 9). */
export function isValidationPiece(index: number): boolean {
  return index % 10 === 9;
}
