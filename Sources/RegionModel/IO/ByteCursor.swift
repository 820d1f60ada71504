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
    // A table lookup per digit, not a comparison: hex numbers are most of
    // what `record` writes.
    let table = ("0123456789abcdef" as StaticString).utf8Start
    var rest = value
    var position = 2 + digits
    repeat {
      position -= 1
      next[position] = table[Int(truncatingIfNeeded: rest & 0xF)]
      rest >>= 4
    } while position > 2
    next += 2 + digits
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
    var rest = value
    var position = digits
    while position > 0 {
      position -= 1
      next[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
      rest /= 10
    }
    next += digits
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
