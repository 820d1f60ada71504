/// A seeded 64-bit generator (Steele, Lea and Flood's SplitMix64).
///
/// The project draws all its randomness from this generator and from
/// ``SplitMix64/bounded(_:)`` rather than the standard library's
/// `random(in:using:)`, whose algorithm may change between Swift versions:
/// a seed must always reproduce the same scenario.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  /// The generator's whole state.
  public private(set) var state: UInt64

  /// Creates a generator whose sequence is fixed by `seed`.
  public init(seed: UInt64) {
    state = seed
  }

  /// Returns the next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

// MARK: - Bounded values

extension SplitMix64 {
  /// A uniform value in `0..<bound` (0 when `bound` is 0), by rejection so
  /// that no value is favoured.
  public mutating func bounded(_ bound: UInt64) -> UInt64 {
    guard bound > 0 else { return 0 }
    let limit = UInt64.max - UInt64.max % bound
    while true {
      let value = next()
      if value < limit || limit == 0 { return value % bound }
    }
  }

  /// A uniform value in `range`.
  public mutating func int(in range: ClosedRange<Int>) -> Int {
    let span = UInt64(range.upperBound - range.lowerBound)
    if span == UInt64.max { return Int(truncatingIfNeeded: next()) }
    return range.lowerBound + Int(bounded(span + 1))
  }

  /// True with probability `numerator / denominator`.
  public mutating func chance(_ numerator: UInt64, in denominator: UInt64) -> Bool {
    bounded(denominator) < numerator
  }

  /// A uniformly chosen element of a non-empty collection.
  public mutating func pick<C: Collection>(_ elements: C) -> C.Element? where C.Index == Int {
    guard !elements.isEmpty else { return nil }
    return elements[elements.startIndex + Int(bounded(UInt64(elements.count)))]
  }
}
