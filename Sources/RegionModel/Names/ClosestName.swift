/// "Did you mean": the known name closest to a mistyped one.
public enum ClosestName {
  /// The name of `candidates` nearest to `typed` by edit distance (one
  /// insertion, deletion, substitution or swap of neighbours each), if one
  /// is near enough to be a slip: at most one edit for a name of up to four
  /// characters, two for longer ones. Ties go to the first candidate.
  public static func to(_ typed: String, among candidates: [String]) -> String? {
    let word = Array(typed.utf8)
    let limit = word.count <= 4 ? 1 : 2
    var best: (name: String, distance: Int)?
    for candidate in candidates where candidate != typed {
      let distance = editDistance(word, Array(candidate.utf8), limit: limit)
      if distance <= limit, distance < (best?.distance ?? Int.max) {
        best = (candidate, distance)
      }
    }
    return best?.name
  }

  /// The part of a message after the mistyped name: ` (did you mean
  /// 'NAME'?)`, or nothing.
  public static func hint(_ typed: String, among candidates: [String]) -> String {
    to(typed, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
  }

  /// The optimal string alignment distance of `a` and `b`, or more than
  /// `limit` once it is sure to exceed it (long inputs stop early).
  static func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
    if abs(a.count - b.count) > limit { return limit + 1 }
    var before = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...max(a.count, 1) where !a.isEmpty {
      current[0] = i
      var rowMinimum = current[0]
      for j in 1...max(b.count, 1) where !b.isEmpty {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          value = min(value, before[j - 2] + 1)
        }
        current[j] = value
        rowMinimum = min(rowMinimum, value)
      }
      if rowMinimum > limit { return limit + 1 }
      (before, previous, current) = (previous, current, before)
    }
    return a.isEmpty ? b.count : previous[b.count]
  }
}
