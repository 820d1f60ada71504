/// Where each hazard code first showed in a scenario: the index of the
/// input, for each code in the order first seen.
///
/// A short list rather than a dictionary: a scenario shows a few codes, and
/// the generator notes every hazard of every input it keeps, which hashed
/// the code each time.
struct FirstHazards: Sendable {
  /// Each code noted and the index of its first input.
  private(set) var indices: [(code: HazardCode, index: Int)] = []

  /// Notes that `code` showed at input `index`, unless it showed before.
  mutating func note(_ code: HazardCode, at index: Int) {
    for noted in indices where noted.code == code { return }
    indices.append((code, index))
  }
}
