/// Something that covers a range of the 64-bit address space, ordered so
/// that an ``AddressTree`` can hold it: its order must sort by
/// ``rangeStart`` first.
public protocol AddressRanged: Comparable, Sendable {
  /// The first address.
  var rangeStart: UInt64 { get }
  /// The number of bytes; the range may run past 2^64 (it wraps in C).
  var rangeLength: UInt64 { get }
  /// Whether trees of these keep the gap summaries that first fit needs.
  static var summarizesGaps: Bool { get }
  /// Whether trees of these keep the end summaries that the overlap and
  /// cover questions need (a tree without them may only be asked first fit).
  static var summarizesReach: Bool { get }
}

extension AddressRanged {
  /// No gap summaries unless a type asks for them.
  public static var summarizesGaps: Bool { false }

  /// End summaries unless a type opts out.
  public static var summarizesReach: Bool { true }

  /// The end of the range without wrapping: up to 2^65 - 1.
  @inline(__always) var rangeEnd: UInt128 { UInt128(rangeStart) + UInt128(rangeLength) }
}
