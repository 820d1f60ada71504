#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Somewhere text is written to: a file descriptor, or memory in tests.
public protocol TextSink {
  /// Writes bytes.
  mutating func write(_ bytes: UnsafeBufferPointer<UInt8>)
  /// Writes out anything buffered.
  mutating func flush()
  /// The first error a write met, if any; later writes are dropped.
  var failure: ReadError? { get }
}

extension TextSink {
  /// No write fails: memory, in tests.
  public var failure: ReadError? { nil }

  /// Writes the bytes of an array.
  public mutating func write(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { write($0) }
  }

  /// Writes the UTF-8 of a string.
  public mutating func write(_ text: String) {
    var text = text
    text.withUTF8 { write($0) }
  }

  /// Writes the UTF-8 of a string and a line feed.
  public mutating func writeLine(_ text: String) {
    write(text + "\n")
  }
}

/// A buffered writer to a file descriptor; ``flush()`` must be called before
/// the process exits.
public struct FileDescriptorSink: TextSink {
  /// The descriptor written to.
  public let descriptor: Int32
  /// The pending bytes are `buffer[..<used]`; the buffer keeps its size.
  private var buffer: [UInt8]
  private var used: Int
  private static var capacity: Int { 1 << 16 }
  /// The first error a write met (a full disk, a closed pipe).
  public private(set) var failure: ReadError?

  /// Writes to `descriptor` (1 for standard output, 2 for standard error).
  public init(descriptor: Int32) {
    self.descriptor = descriptor
    buffer = [UInt8](repeating: 0, count: Self.capacity)
    used = 0
    failure = nil
  }

  /// Copies `bytes` into the buffer with one memory copy (`record` writes
  /// a few short pieces per line, where a generic append cost more than the
  /// bytes).
  public mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
    if used + bytes.count > Self.capacity { flush() }
    if bytes.count >= Self.capacity {
      if failure == nil { failure = Self.writeAll(bytes, to: descriptor) }
      return
    }
    let offset = used
    buffer.withUnsafeMutableBufferPointer { all in
      all.baseAddress.map { ($0 + offset).update(from: source, count: bytes.count) }
    }
    used += bytes.count
  }

  public mutating func flush() {
    guard used > 0 else { return }
    let pending = used
    used = 0
    guard failure == nil else { return }
    let descriptor = descriptor
    failure = buffer.withUnsafeBufferPointer {
      Self.writeAll(UnsafeBufferPointer(rebasing: $0[..<pending]), to: descriptor)
    }
  }

  /// Writes every byte to `descriptor`, retrying short writes; returns the
  /// error that stopped it (a closed pipe, a full disk), which the sink
  /// keeps in ``failure`` for the command to report, writing nothing more.
  private static func writeAll(
    _ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32
  ) -> ReadError? {
    guard var pointer = bytes.baseAddress else { return nil }
    var remaining = bytes.count
    while remaining > 0 {
      #if canImport(Glibc)
        let written = Glibc.write(descriptor, pointer, remaining)
      #else
        let written = Darwin.write(descriptor, pointer, remaining)
      #endif
      if written < 0 {
        if errno == EINTR { continue }
        return ReadError(code: errno)
      }
      remaining -= written
      pointer += written
    }
    return nil
  }
}

/// Collects what is written, for tests.
public struct MemorySink: TextSink {
  /// Everything written so far.
  public private(set) var bytes: [UInt8]

  /// An empty sink.
  public init() {
    bytes = []
  }

  /// What was written, decoded as UTF-8.
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  public mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes.append(contentsOf: bytes)
  }

  public mutating func flush() {}
}
