/// The horizontal axis of a picture: the stretches of the 64-bit address
/// space that hold something, side by side, each drawn to a linear scale of
/// its own, with the empty stretches between them collapsed to a break
/// mark, so that small blocks far apart are all readable.
public struct AddressAxis: Hashable, Sendable {
  /// One stretch drawn: addresses `start..<end` over `x..<(x + width)`.
  public struct Segment: Hashable, Sendable {
    public var start: UInt128
    public var end: UInt128
    public var x: Double
    public var width: Double
  }

  /// The stretches, in address order.
  public private(set) var segments: [Segment]
  /// The width of the whole axis.
  public let width: Double
  /// The width of the break mark between two stretches.
  public static let breakWidth = 14.0
  /// The narrowest a stretch is drawn, room permitting.
  public static let minimumSegmentWidth = 36.0

  /// The axis over `ranges` (start and length; an empty range counts as
  /// its first byte, a range past the top of the address space ends
  /// there), `width` wide. Ranges closer than an eighth of their combined
  /// length share a stretch, and so do all but the widest gaps when there
  /// are more stretches than fit at their narrowest.
  public init(ranges: [(start: UInt64, length: UInt64)], width: Double) {
    self.width = width
    let top = UInt128(1) << 64
    let sorted = ranges.map { range -> (UInt128, UInt128) in
      let start = UInt128(range.start)
      return (start, min(start + UInt128(max(range.length, 1)), top))
    }.sorted { $0.0 < $1.0 }
    var merged: [Stretch] = []
    for (start, end) in sorted {
      if let last = merged.last {
        let slack = (last.end - last.start + (end - start)) / 8
        if start <= last.end + slack {
          merged[merged.count - 1].end = max(last.end, end)
          continue
        }
      }
      merged.append((start, end))
    }
    merged = Self.keepingWidestGaps(merged, segments: Self.maximumSegments(width: width))
    let breaks = Double(max(merged.count - 1, 0)) * Self.breakWidth
    let room = max(width - breaks, 1)
    // Each stretch gets room by the number of bits of its length, so that
    // a 4 KiB buffer and a 1 GiB block both stay readable.
    let weights = merged.map { Double(128 - ($0.end - $0.start).leadingZeroBitCount) + 1 }
    let total = weights.reduce(0, +)
    let floor = min(Self.minimumSegmentWidth, room / Double(max(merged.count, 1)))
    let spare = room - floor * Double(merged.count)
    var x = 0.0
    segments = []
    for (index, range) in merged.enumerated() {
      let segmentWidth = floor + (total > 0 ? spare * weights[index] / total : 0)
      segments.append(Segment(start: range.start, end: range.end, x: x, width: segmentWidth))
      x += segmentWidth + Self.breakWidth
    }
  }

  /// A stretch of addresses before it is placed.
  typealias Stretch = (start: UInt128, end: UInt128)

  /// How many stretches fit in `width` at their narrowest.
  static func maximumSegments(width: Double) -> Int {
    max(1, Int((width + breakWidth) / (minimumSegmentWidth + breakWidth)))
  }

  /// `ranges` (sorted, disjoint) joined into at most `segments` stretches:
  /// only the widest gaps stay collapsed, so that hundreds of blocks a few
  /// MiB apart share stretches instead of each getting a sliver.
  static func keepingWidestGaps(_ ranges: [Stretch], segments: Int) -> [Stretch] {
    guard ranges.count > segments else { return ranges }
    let widest = ranges.indices.dropLast()
      .sorted { ranges[$0 + 1].start - ranges[$0].end > ranges[$1 + 1].start - ranges[$1].end }
      .prefix(segments - 1)
    let breaksAfter = Set(widest)
    var joined: [Stretch] = []
    var start = ranges[0].start
    for index in ranges.indices where index == ranges.count - 1 || breaksAfter.contains(index) {
      joined.append((start, ranges[index].end))
      if index + 1 < ranges.count { start = ranges[index + 1].start }
    }
    return joined
  }

  /// The x of `address`: inside its stretch, or at the nearest edge of a
  /// stretch when it lies in a collapsed gap.
  public func x(_ address: UInt128) -> Double {
    var low = 0
    var high = segments.count
    while low < high {
      let middle = (low + high) / 2
      if segments[middle].end <= address { low = middle + 1 } else { high = middle }
    }
    guard low < segments.count else { return segments.last.map { $0.x + $0.width } ?? 0 }
    let segment = segments[low]
    guard address > segment.start else { return segment.x }
    let fraction = Double(address - segment.start) / Double(segment.end - segment.start)
    return segment.x + fraction * segment.width
  }

  /// Where `[start, start + length)` is drawn: its x and a width of at
  /// least `minimum`.
  public func span(start: UInt64, length: UInt64, minimum: Double = 2) -> (x: Double, width: Double)
  {
    let from = UInt128(start)
    let to = min(from + UInt128(length), UInt128(1) << 64)
    let left = x(from)
    return (left, max(x(to) - left, minimum))
  }

  /// Whether one stretch holds all of `[start, start + max(length, 1))`
  /// (clipped at the top of the address space).
  public func covers(start: UInt64, length: UInt64) -> Bool {
    let from = UInt128(start)
    let to = min(from + UInt128(max(length, 1)), UInt128(1) << 64)
    return segments.contains { $0.start <= from && to <= $0.end }
  }
}
