/// Writes bytes through a pointer into space reserved at the end of a byte
/// array (``Swift/Array/appendBytes(atMost:_:)``): what the hot output lines
/// are formatted with, fixed text from static strings and numbers by hand,
/// without the per-call checks of `Array.append(contentsOf:)` or a `String`.
struct ByteCursor: ~Copyable {
  /// The first byte reserved.
  private let start: UnsafeMutablePointer<UInt8>
  /// The next byte to write.
  private var next: UnsafeMutablePointer<UInt8>
  /// One past the last byte reserved.
  private let end: UnsafeMutablePointer<UInt8>

  /// A cursor at the start of `base`'s `count` reserved bytes.
  init(_ base: UnsafeMutablePointer<UInt8>, count: Int) {
    start = base
    next = base
    end = base + count
  }

  /// How many bytes have been written.
  var written: Int { next - start }

  /// Writes one byte.
  @inline(__always) mutating func write(_ byte: UInt8) {
    precondition(next < end, "ByteCursor: more bytes than reserved")
    next.initialize(to: byte)
    next += 1
  }

  /// Writes fixed text.
  @inline(__always) mutating func write(_ text: StaticString) {
    write(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  /// Writes bytes.
  @inline(__always) mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
    precondition(end - next >= bytes.count, "ByteCursor: more bytes than reserved")
    next.initialize(from: base, count: bytes.count)
    next += bytes.count
  }

  /// Writes `0x` and the lowercase hex digits of `value` without leading
  /// zeros (`0x0` for zero): at most 18 bytes.
  mutating func writeHex(_ value: UInt64) {
    let digits = max(1, (64 - value.leadingZeroBitCount + 3) / 4)
    precondition(end - next >= 2 + digits, "ByteCursor: more bytes than reserved")
    next[0] = UInt8(ascii: "0")
    next[1] = UInt8(ascii: "x")
    // Two digits per table lookup: hex numbers are most of what `record`
    // writes, and a digit at a time was a tenth of an output line.
    let pairs = Self.hexPairs.utf8Start
    var rest = value
    var position = 2 + digits
    while position > 3 {
      position -= 2
      let pair = 2 &* Int(truncatingIfNeeded: rest & 0xFF)
      next[position] = pairs[pair]
      next[position + 1] = pairs[pair + 1]
      rest >>= 8
    }
    if position == 3 { next[2] = pairs[2 &* Int(truncatingIfNeeded: rest & 0xF) + 1] }
    next += 2 + digits
  }

  /// `00`, `01`, ... `ff`: the two hex digits of each byte value.
  private static var hexPairs: StaticString {
    """
    000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\
    202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f\
    404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f\
    606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f\
    808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f\
    a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf\
    c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf\
    e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff
    """
  }

  /// Writes the decimal digits of `value`: at most 20 bytes.
  mutating func writeDecimal(_ value: UInt64) {
    var digits = 1
    var scale: UInt64 = 10
    while digits < 20, value >= scale {
      digits += 1
      scale = scale &* 10
    }
    precondition(end - next >= digits, "ByteCursor: more bytes than reserved")
    // Two digits per division and table lookup.
    let pairs = Self.decimalPairs.utf8Start
    var rest = value
    var position = digits
    while position >= 2 {
      position -= 2
      let (quotient, remainder) = rest.quotientAndRemainder(dividingBy: 100)
      let pair = 2 &* Int(truncatingIfNeeded: remainder)
      next[position] = pairs[pair]
      next[position + 1] = pairs[pair + 1]
      rest = quotient
    }
    if position == 1 { next[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest) }
    next += digits
  }

  /// `00`, `01`, ... `99`: the two decimal digits of each value below 100.
  private static var decimalPairs: StaticString {
    """
    00010203040506070809101112131415161718192021222324252627282930313233343536373839\
    40414243444546474849505152535455565758596061626364656667686970717273747576777879\
    8081828384858687888990919293949596979899
    """
  }

  /// Writes C's `%p`: `(nil)` for 0, else `0x` and lowercase hex: at most
  /// 18 bytes.
  mutating func writePointer(_ value: UInt64) {
    if value == 0 { write("(nil)") } else { writeHex(value) }
  }

  /// Writes a signed decimal: at most 20 bytes.
  mutating func writeDecimal(_ value: Int64) {
    if value < 0 { write(UInt8(ascii: "-")) }
    writeDecimal(value.magnitude)
  }
}

extension String {
  /// A string of what `body` writes through a cursor into at most
  /// `capacity` bytes of UTF-8 (the cursor traps past them): a message
  /// formatted with no interpolation, for the errors a large trace meets
  /// by the thousand.
  static func formatted(atMost capacity: Int, _ body: (inout ByteCursor) -> Void) -> String {
    String(unsafeUninitializedCapacity: capacity) { buffer in
      guard let base = buffer.baseAddress else { return 0 }
      var cursor = ByteCursor(base, count: capacity)
      body(&cursor)
      return cursor.written
    }
  }
}

extension Array where Element == UInt8 {
  /// Appends what `body` writes through a cursor into `atMost` bytes
  /// reserved at the end (the cursor traps past them).
  mutating func appendBytes(atMost count: Int, _ body: (inout ByteCursor) -> Void) {
    guard count > 0 else { return }
    append(addingCapacity: count) { span in
      span.withUnsafeMutableBufferPointer { buffer, initialized in
        guard let base = buffer.baseAddress else { return }
        var cursor = ByteCursor(base, count: buffer.count)
        body(&cursor)
        // Every byte up to the cursor was initialized, in order.
        initialized = cursor.written
      }
    }
  }
}
