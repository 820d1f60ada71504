#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Something bytes are read from in chunks: a file, standard input, memory.
public protocol ByteSource {
  /// Reads up to `buffer.count` bytes into `buffer`; returns how many, 0 at
  /// the end. Throws the errno of a failed read.
  mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(ReadError) -> Int

  /// Whether a second thread may read this source ahead of its user
  /// (``ReadAheadLines``): no read blocks for long (a regular file, not a
  /// pipe or a terminal, which could wait for ever after the user has
  /// stopped). False unless a source says otherwise.
  var readsAheadSafely: Bool { get }
}

extension ByteSource {
  public var readsAheadSafely: Bool { false }
}

/// A failed `read(2)`, `open(2)` or `write(2)`: its errno.
public struct ReadError: Error, Hashable, Sendable {
  /// The C `errno`.
  public var code: Int32
  /// The C library's text for it.
  public var description: String {
    String(cString: strerror(code))
  }

  /// Whether the error is a pipe whose reader has gone (`EPIPE`).
  public var isClosedPipe: Bool { code == EPIPE }
}

/// Bytes read from an open file descriptor with `read(2)`; the caller owns
/// and closes the descriptor.
public struct FileDescriptorSource: ByteSource {
  /// The descriptor.
  public let descriptor: Int32

  /// Reads from `descriptor`.
  public init(descriptor: Int32) {
    self.descriptor = descriptor
  }

  /// True for a regular file: reading one never waits on a writer.
  public var readsAheadSafely: Bool {
    var status = stat()
    return fstat(descriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
  }

  public mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(ReadError)
    -> Int
  {
    while true {
      #if canImport(Glibc)
        let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
      #else
        let count = Darwin.read(descriptor, buffer.baseAddress, buffer.count)
      #endif
      if count >= 0 { return count }
      if errno == EINTR { continue }
      throw ReadError(code: errno)
    }
  }
}

/// Bytes held in memory, handed out in chunks of at most `chunkSize` (tests
/// use small chunks to exercise the reader's buffer handling).
public struct MemorySource: ByteSource {
  /// The bytes.
  public let bytes: [UInt8]
  /// The largest chunk one read returns.
  public let chunkSize: Int
  /// How many bytes have been read.
  public private(set) var position: Int

  /// Reads `bytes`, at most `chunkSize` at a time.
  public init(_ bytes: [UInt8], chunkSize: Int = 1 << 16) {
    self.bytes = bytes
    self.chunkSize = max(1, chunkSize)
    position = 0
  }

  /// Reads the UTF-8 of `text`.
  public init(_ text: String, chunkSize: Int = 1 << 16) {
    self.init(Array(text.utf8), chunkSize: chunkSize)
  }

  public mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(ReadError)
    -> Int
  {
    let count = min(buffer.count, chunkSize, bytes.count - position)
    for offset in 0..<count { buffer[offset] = bytes[position + offset] }
    position += count
    return count
  }
}
