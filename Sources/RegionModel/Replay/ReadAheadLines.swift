import Dispatch
import Synchronization

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Lines read, split and pre-parsed (``PreparsedLine``) by a second thread
/// while the calling thread uses them: the two halves of a replay (reading
/// and parsing; the model and its report) then run on both cores.
///
/// The lines, their numbers and their errors are exactly what
/// ``LineReader/forEachLine(_:)`` gives, in the same order: a line longer
/// than ``LineReader/maximumLineLength`` or a failed read ends the last
/// batch and is thrown once the lines before it have been used. At most
/// ``batchCount`` batches of ``batchBytes`` bytes are in flight, so memory
/// stays flat whatever the trace's length.
///
/// Only a source that a read never blocks for long should be read ahead
/// (``ByteSource/readsAheadSafely``): when the caller stops early, it waits
/// for the reading thread to finish its read, so that nothing reads the
/// source once the caller has moved on.
enum ReadAheadLines {
  /// The bytes a batch holds.
  static var batchBytes: Int { 1 << 18 }
  /// How many bytes the reading thread asks for at most in one read; a
  /// batch with less room left is sent on.
  static var readBytes: Int { 1 << 16 }
  /// How many batches are in flight at most.
  static var batchCount: Int { 4 }

  /// The rarer inputs a ``PreparsedLine/other(index:)`` points into.
  typealias Others = UnsafeBufferPointer<TraceInputOf<NameSpan>>

  /// Calls `body` with every line of `source`, its number (from 1), what
  /// ``PreparsedLine/classify(_:others:)`` makes of it and the list its
  /// rarer inputs went to, until `body` returns
  /// false; returns the number of the last line given to `body` (the
  /// number of lines when it never returned false). With `readAhead`
  /// false everything runs on the calling thread, through a
  /// ``LineReader``.
  static func forEachLine(
    source: some ByteSource, readAhead: Bool,
    _ body: (UnsafeBufferPointer<UInt8>, Int, PreparsedLine, Others) -> Bool
  ) throws(LineReadError) -> Int {
    guard readAhead else {
      var reader = LineReader(source: source)
      var others: [TraceInputOf<NameSpan>] = []
      try reader.forEachLine { line, number in
        others.removeAll(keepingCapacity: true)
        let preparsed = PreparsedLine.classify(line, others: &others)
        return others.withUnsafeBufferPointer { body(line, number, preparsed, $0) }
      }
      return reader.lineNumber
    }
    let channel = BatchChannel(source: source)
    guard channel.start() else {
      // No thread to be had: read on this one.
      return try forEachLine(source: source, readAhead: false, body)
    }
    var lastLine = 0
    while true {
      let batch = channel.nextFilled()
      let firstNumber = batch.firstNumber
      var stopped = false
      batch.bytes.withUnsafeBufferPointer { bytes in
        batch.lines.withUnsafeBufferPointer { lines in
          batch.others.withUnsafeBufferPointer { others in
            guard let base = bytes.baseAddress else { return }
            for index in 0..<lines.count {
              lastLine = firstNumber + index
              let entry = lines[index]
              let line = UnsafeBufferPointer(
                start: base + Int(entry.start), count: Int(entry.count))
              if !body(line, lastLine, entry.item, others) {
                stopped = true
                return
              }
            }
          }
        }
      }
      if stopped {
        channel.stop()
        return lastLine
      }
      if let failure = batch.failure {
        channel.stop()
        throw failure
      }
      if batch.isLast {
        channel.stop()
        // The lines read: a batch may end on a line-less tail.
        return batch.lastNumber
      }
      channel.giveBack(batch)
    }
  }
}

/// A run of whole lines read from the source, with what each was
/// pre-parsed as; a value handed from one thread to the other.
struct LineBatch: Sendable {
  /// Where a line lies in ``bytes``, and what it was pre-parsed as.
  struct Line: Sendable {
    var start: Int32
    var count: Int32
    var item: PreparsedLine
  }

  var bytes: [UInt8]
  /// How many of ``bytes`` are filled.
  var used: Int
  var lines: [Line]
  /// The rarer inputs of the lines (``PreparsedLine/other(index:)``).
  var others: [TraceInputOf<NameSpan>]
  /// The number of the first line.
  var firstNumber: Int
  /// The error that ended the reading, after the last line.
  var failure: LineReadError?
  /// Whether this is the last batch.
  var isLast: Bool

  init(capacity: Int) {
    bytes = [UInt8](repeating: 0, count: capacity)
    used = 0
    lines = []
    others = []
    firstNumber = 1
    failure = nil
    isLast = false
  }

  /// The number of the last line (one before ``firstNumber`` if none).
  var lastNumber: Int { firstNumber + lines.count - 1 }

  /// Empties the batch, whose first line will be line `number`.
  mutating func reset(firstNumber number: Int) {
    used = 0
    lines.removeAll(keepingCapacity: true)
    others.removeAll(keepingCapacity: true)
    firstNumber = number
    failure = nil
    isLast = false
  }
}

/// The two queues between the reading thread and the using one (batches
/// filled and waiting to be used; batches used and waiting to be filled
/// again) and the reading thread's work.
///
/// The source is read by the reading thread only, once it has started,
/// and the queues are behind a lock: hence `@unchecked Sendable`.
final class BatchChannel: @unchecked Sendable {
  private struct Queues {
    var filled: [LineBatch] = []
    var spare: [LineBatch] = []
    var stopped = false
  }

  private let queues = Mutex(Queues())
  private let filledCount = DispatchSemaphore(value: 0)
  private let spareCount = DispatchSemaphore(value: 0)
  private var source: BoxedSource
  /// The reading thread, once started.
  private var thread: pthread_t?

  init(source: any ByteSource) {
    self.source = BoxedSource(base: source)
    queues.withLock { queues in
      for _ in 0..<ReadAheadLines.batchCount {
        queues.spare.append(LineBatch(capacity: ReadAheadLines.batchBytes))
      }
    }
    for _ in 0..<ReadAheadLines.batchCount { spareCount.signal() }
  }

  /// Starts the reading thread; false if no thread could be made. A thread
  /// of its own, not one of Dispatch's pool, which a caller waiting in
  /// the pool (explore's workers) could leave without a free thread.
  func start() -> Bool {
    var made = pthread_t()
    let context = Unmanaged.passRetained(self).toOpaque()
    let status = pthread_create(
      &made, nil,
      { context in
        guard let context else { return nil }
        Unmanaged<BatchChannel>.fromOpaque(context).takeRetainedValue().readAll()
        return nil
      }, context)
    guard status == 0 else {
      Unmanaged<BatchChannel>.fromOpaque(context).release()
      return false
    }
    thread = made
    return true
  }

  /// The reading thread: reads the source into batches, splits them into
  /// lines, pre-parses each line and sends the batches on, the last one
  /// marked (with the error that ended the reading, if any), unless the
  /// using thread stops first.
  private func readAll() {
    var reader = BatchReader(source: source)
    guard var batch = nextSpare() else { return }
    batch.reset(firstNumber: 1)
    while true {
      guard reader.fill(&batch) else {
        batch.isLast = true
        send(batch)
        return
      }
      // Full: the line begun at the end goes on in the next batch.
      guard var next = nextSpare() else { return }
      reader.carry(from: &batch, into: &next)
      send(batch)
      batch = next
    }
  }

  private func send(_ batch: LineBatch) {
    queues.withLock { $0.filled.append(batch) }
    filledCount.signal()
  }

  /// A batch to fill, or nil once the using thread has stopped.
  private func nextSpare() -> LineBatch? {
    spareCount.wait()
    return queues.withLock { queues in
      queues.stopped ? nil : queues.spare.popLast()
    }
  }

  /// The next filled batch, waiting for the reading thread if need be.
  func nextFilled() -> LineBatch {
    filledCount.wait()
    return queues.withLock { $0.filled.removeFirst() }
  }

  /// Hands a used batch back to be filled again.
  func giveBack(_ batch: LineBatch) {
    queues.withLock { $0.spare.append(batch) }
    spareCount.signal()
  }

  /// Stops the reading thread and waits until it has finished, so that
  /// the source is no longer read once this returns.
  func stop() {
    queues.withLock { $0.stopped = true }
    spareCount.signal()
    if let thread { pthread_join(thread, nil) }
    thread = nil
  }
}

/// The reading thread's state between batches: the source, how many lines
/// have been split, and where the line being read starts in the batch.
struct BatchReader {
  private var source: BoxedSource
  /// How many lines have been split so far.
  private var lineCount: Int
  /// Where the unfinished line starts in the batch being filled.
  private var lineStart: Int

  init(source: BoxedSource) {
    self.source = source
    lineCount = 0
    lineStart = 0
  }

  /// Reads into `batch` and splits what it read into lines until the
  /// batch is full (true: the unfinished line must be carried on) or the
  /// reading ended (false: `batch` is the last, its failure set if an
  /// error ended it).
  mutating func fill(_ batch: inout LineBatch) -> Bool {
    let limit = LineReader<BoxedSource>.maximumLineLength
    while batch.bytes.count - batch.used >= ReadAheadLines.readBytes {
      let from = batch.used
      let count: Int
      do {
        count = try batch.bytes.withUnsafeMutableBufferPointer {
          (all) throws(ReadError) -> Int in
          try source.read(
            into: UnsafeMutableBufferPointer(
              rebasing: all[from..<(from + ReadAheadLines.readBytes)]))
        }
      } catch {
        batch.failure = .read(error, line: lineCount + 1)
        return false
      }
      batch.used += count
      if let failure = split(&batch, from: from, limit: limit) {
        batch.failure = failure
        return false
      }
      if count == 0 {
        // The end: a last line without a newline is still a line.
        if lineStart < batch.used { appendLine(&batch, lineStart..<batch.used) }
        return false
      }
    }
    return true
  }

  /// Splits the bytes read from `from` on into lines; returns the error of
  /// a line longer than `limit`, whole or so far.
  private mutating func split(_ batch: inout LineBatch, from: Int, limit: Int) -> LineReadError? {
    var scan = from
    let end = batch.used
    while scan < end {
      let found = batch.bytes.withUnsafeBufferPointer { all -> Int? in
        guard let base = all.baseAddress,
          let hit = memchr(base + scan, Int32(UInt8(ascii: "\n")), end - scan)
        else { return nil }
        return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
      }
      guard let newline = found else { break }
      if newline - lineStart > limit {
        return .lineTooLong(limit: limit, line: lineCount + 1)
      }
      appendLine(&batch, lineStart..<newline)
      lineStart = newline + 1
      scan = newline + 1
    }
    if end - lineStart > limit {
      return .lineTooLong(limit: limit, line: lineCount + 1)
    }
    return nil
  }

  private mutating func appendLine(_ batch: inout LineBatch, _ range: Range<Int>) {
    lineCount += 1
    let item = batch.bytes.withUnsafeBufferPointer { all in
      PreparsedLine.classify(UnsafeBufferPointer(rebasing: all[range]), others: &batch.others)
    }
    batch.lines.append(
      LineBatch.Line(start: Int32(range.lowerBound), count: Int32(range.count), item: item))
  }

  /// Moves the unfinished line at the end of `full` to the start of
  /// `next`, which begins with the line after the last of `full`.
  mutating func carry(from full: inout LineBatch, into next: inout LineBatch) {
    next.reset(firstNumber: lineCount + 1)
    let tail = lineStart..<full.used
    next.bytes.withUnsafeMutableBufferPointer { to in
      full.bytes.withUnsafeBufferPointer { from in
        guard let target = to.baseAddress, let origin = from.baseAddress else { return }
        target.update(from: origin + tail.lowerBound, count: tail.count)
      }
    }
    next.used = tail.count
    full.used = tail.lowerBound
    lineStart = 0
  }
}

/// A source of any type, read through its protocol: the reading thread
/// reads a chunk at a time, so the indirect call does not count, and
/// nothing else need be generic (a generic channel paid a metadata lookup
/// per line).
struct BoxedSource: ByteSource {
  var base: any ByteSource

  mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(ReadError) -> Int {
    try base.read(into: buffer)
  }
}

/// Whether lines are read ahead on a second thread (``ReadAheadLines``).
public enum ReadAhead: Sendable {
  /// When the source ``ByteSource/readsAheadSafely``.
  case whenSafe
  /// Always (tests use it to run memory sources through the thread).
  case always
  /// Never: everything on the calling thread.
  case never

  /// Whether `source` is read ahead.
  public func applies(to source: some ByteSource) -> Bool {
    switch self {
    case .whenSafe: source.readsAheadSafely
    case .always: true
    case .never: false
    }
  }
}
