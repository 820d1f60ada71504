#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Splits a ``ByteSource`` into lines, reading fixed-size chunks into one
/// reused buffer: memory stays flat however long the input is.
///
/// A line ends at a line feed or at the end of input; the line feed is not
/// part of it. A line longer than ``maximumLineLength`` is refused rather
/// than buffered.
public struct LineReader<Source: ByteSource> {
  /// The longest line accepted, in bytes.
  public static var maximumLineLength: Int { 1 << 16 }
  /// How many bytes one read asks for.
  static var chunkSize: Int { 1 << 16 }

  private var source: Source
  private var buffer: [UInt8]
  private var start: Int
  private var end: Int
  private var atEnd: Bool
  /// The number of the line last returned, counting from 1.
  public private(set) var lineNumber: Int

  /// Reads lines from `source`.
  public init(source: Source) {
    self.source = source
    buffer = [UInt8](repeating: 0, count: Self.maximumLineLength + Self.chunkSize + 1)
    start = 0
    end = 0
    atEnd = false
    lineNumber = 0
  }
}

// MARK: - Reading lines

extension LineReader {
  /// Calls `body` with the next line's bytes and number (from 1) and returns
  /// what it returns; nil at the end of input. The bytes are valid only
  /// inside `body`.
  public mutating func nextLine<R>(
    _ body: (UnsafeBufferPointer<UInt8>, Int) -> R
  ) throws(LineReadError) -> R? {
    while true {
      let newline = indexOfNewline()
      if (newline ?? end) - start > Self.maximumLineLength {
        throw .lineTooLong(limit: Self.maximumLineLength, line: lineNumber + 1)
      }
      if let newline {
        return deliver(start..<newline, next: newline + 1, body)
      }
      if atEnd {
        if start == end { return nil }
        return deliver(start..<end, next: end, body)
      }
      try fill()
    }
  }

  /// Calls `body` with each line's bytes and number (from 1), in order,
  /// until it returns false or the input ends; the bytes are valid only
  /// inside `body`. The lines of a chunk are handed out under one pointer
  /// to the buffer, taken once per chunk: ``nextLine(_:)`` takes it, and
  /// goes through a generic closure, once per line, which on a large
  /// trace cost more than finding the line.
  public mutating func forEachLine(
    _ body: (UnsafeBufferPointer<UInt8>, Int) -> Bool
  ) throws(LineReadError) {
    while true {
      var start = self.start
      var number = lineNumber
      let end = self.end
      var stopped = false
      var tooLong = false
      buffer.withUnsafeBufferPointer { all in
        guard let base = all.baseAddress else { return }
        while start < end {
          guard let found = memchr(base + start, Int32(UInt8(ascii: "\n")), end - start) else {
            break
          }
          let newline = UnsafeRawPointer(found) - UnsafeRawPointer(base)
          if newline - start > Self.maximumLineLength {
            tooLong = true
            break
          }
          number += 1
          let line = UnsafeBufferPointer(start: base + start, count: newline - start)
          start = newline + 1
          if !body(line, number) {
            stopped = true
            break
          }
        }
      }
      self.start = start
      lineNumber = number
      if stopped { return }
      if tooLong || end - start > Self.maximumLineLength {
        throw .lineTooLong(limit: Self.maximumLineLength, line: lineNumber + 1)
      }
      if atEnd {
        if start < end { _ = deliver(start..<end, next: end, body) }
        return
      }
      try fill()
    }
  }

  private func indexOfNewline() -> Int? {
    guard end > start else { return nil }
    return ByteScan.indexOfNewline(in: buffer, from: start, to: end)
  }

  private mutating func deliver<R>(
    _ range: Range<Int>, next: Int, _ body: (UnsafeBufferPointer<UInt8>, Int) -> R
  ) -> R {
    lineNumber += 1
    start = next
    let number = lineNumber
    return buffer.withUnsafeBufferPointer { all in
      body(UnsafeBufferPointer(rebasing: all[range]), number)
    }
  }

  /// Moves the partial line to the front of the buffer and reads a chunk
  /// after it.
  private mutating func fill() throws(LineReadError) {
    let (start, end) = (self.start, self.end)
    if start > 0 {
      buffer.withUnsafeMutableBufferPointer { all in
        guard let base = all.baseAddress else { return }
        memmove(base, base + start, end - start)
      }
      self.start = 0
      self.end = end - start
    }
    let from = self.end
    let capacity = min(Self.chunkSize, buffer.count - from)
    let count: Int
    do {
      count = try buffer.withUnsafeMutableBufferPointer { (all) throws(ReadError) -> Int in
        try source.read(into: UnsafeMutableBufferPointer(rebasing: all[from..<(from + capacity)]))
      }
    } catch {
      throw .read(error, line: lineNumber + 1)
    }
    if count == 0 { atEnd = true }
    self.end += count
  }
}

/// Why the next line could not be had.
public enum LineReadError: Error, Hashable, Sendable {
  /// The source failed to read.
  case read(ReadError, line: Int)
  /// The line is longer than the reader accepts.
  case lineTooLong(limit: Int, line: Int)
}

/// Byte scans kept out of generic types, so that calling them needs no
/// generic metadata at run time.
enum ByteScan {
  /// The index of the first line feed in `buffer[start..<end]`.
  static func indexOfNewline(in buffer: [UInt8], from start: Int, to end: Int) -> Int? {
    buffer.withUnsafeBufferPointer { all -> Int? in
      guard let base = all.baseAddress,
        let found = memchr(base + start, Int32(UInt8(ascii: "\n")), end - start)
      else { return nil }
      return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }
  }

  /// The index of the first `byte` in `bytes[start...]`, or `bytes.count`
  /// (`memchr`: the generic `firstIndex(of:)` went byte by byte through
  /// the collection protocols, a cost on every line).
  static func index(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    guard let base = bytes.baseAddress, start < bytes.count,
      let found = memchr(base + start, Int32(byte), bytes.count - start)
    else { return bytes.count }
    return UnsafeRawPointer(found) - UnsafeRawPointer(base)
  }

  /// Whether any byte of `bytes` is above 0x7F, eight at a time.
  /// Whether `a` and `b` hold the same bytes.
  @inline(__always)
  static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    guard let left = a.baseAddress, let right = b.baseAddress else { return true }
    return memcmp(left, right, a.count) == 0
  }

  static func hasNonASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    let raw = UnsafeRawPointer(base)
    var index = 0
    while index + 8 <= bytes.count {
      if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
        return true
      }
      index += 8
    }
    while index < bytes.count {
      if bytes[index] >= 0x80 { return true }
      index += 1
    }
    return false
  }
}
