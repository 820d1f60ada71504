// MARK: - Counts kept in a dictionary

extension Dictionary where Value == Int {
  /// Takes one from the count of `key`, forgetting the key at zero (or
  /// doing nothing if it is not counted): one lookup, where reading the
  /// count and then writing it hashed the key twice.
  mutating func takeOne(_ key: Key) {
    guard let index = index(forKey: key) else { return }
    if values[index] > 1 {
      values[index] -= 1
    } else {
      remove(at: index)
    }
  }
}
