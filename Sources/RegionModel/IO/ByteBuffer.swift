/// Bytes written through a ``ByteCursor`` straight into storage that only
/// grows: the buffer an input's output lines are rendered into, reused for
/// every input.
///
/// The storage array is kept at its full size (zero-filled) and ``count``
/// says how much of it holds bytes, so a write is a bounds check and the
/// cursor's stores: no per-line append through the array's generic paths.
struct ByteBuffer: Sendable {
  /// The storage; bytes past ``count`` are leftovers.
  private var storage: [UInt8]
  /// How many bytes have been written since the last ``removeAll()``.
  private(set) var count: Int

  /// An empty buffer with room for `capacity` bytes.
  init(capacity: Int = 0) {
    storage = [UInt8](repeating: 0, count: capacity)
    count = 0
  }

  /// Forgets the bytes, keeping the storage.
  mutating func removeAll() { count = 0 }

  /// Appends what `body` writes through a cursor into at most `room`
  /// bytes (the cursor traps past them).
  @inline(__always)
  mutating func write(atMost room: Int, _ body: (inout ByteCursor) -> Void) {
    reserve(room)
    let start = count
    count += storage.withUnsafeMutableBufferPointer { buffer in
      // `reserve` made the room; an empty storage has no room to write.
      guard let base = buffer.baseAddress else { return 0 }
      var cursor = ByteCursor(base + start, count: room)
      body(&cursor)
      return cursor.written
    }
  }

  /// Appends `bytes`.
  mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    write(atMost: bytes.count) { $0.write(bytes) }
  }

  /// Calls `body` with the bytes written.
  func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    storage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[..<count])) }
  }

  /// The bytes written, as an array slice.
  var bytes: ArraySlice<UInt8> { storage[..<count] }

  /// Makes room for `room` more bytes, doubling the storage as needed.
  private mutating func reserve(_ room: Int) {
    let needed = count + room
    guard needed > storage.count else { return }
    storage.append(
      contentsOf: repeatElement(0, count: max(needed, 2 * storage.count, 256) - storage.count))
  }
}
