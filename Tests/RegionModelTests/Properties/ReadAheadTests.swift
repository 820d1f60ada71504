import Testing

@testable import RegionModel

/// A replay read ahead on a second thread (`ReadAhead.always`) gives what
/// the same replay on one thread gives: the same outcome of `check` (pass,
/// mismatch and its report, or the error and its line), the same bytes
/// from `record`, whatever the chunks the source is read in.
@Suite struct ReadAheadTests {
  typealias T = TraceTestSupport

  static func check(_ bytes: [UInt8], chunk: Int, _ readAhead: ReadAhead) -> CheckOutcome {
    TraceCheck.run(source: MemorySource(bytes, chunkSize: chunk), readAhead: readAhead)
  }

  static func record(_ bytes: [UInt8], chunk: Int, _ readAhead: ReadAhead) -> (
    RecordOutcome, String
  ) {
    var sink = MemorySink()
    let outcome = TraceRecord.run(
      source: MemorySource(bytes, chunkSize: chunk), sink: &sink, readAhead: readAhead)
    return (outcome, sink.text)
  }

  /// Checks one trace both ways, in chunks of several sizes.
  static func expectSame(_ text: String, _ label: String, chunks: [Int] = [1, 7, 1 << 16]) {
    let bytes = Array(text.utf8)
    let alone = check(bytes, chunk: 1 << 16, .never)
    let recorded = record(bytes, chunk: 1 << 16, .never)
    for chunk in chunks {
      #expect(check(bytes, chunk: chunk, .always) == alone, "\(label), chunks of \(chunk)")
      let (outcome, text) = record(bytes, chunk: chunk, .always)
      #expect(outcome == recorded.0 && text == recorded.1, "\(label) recorded, chunks of \(chunk)")
    }
  }

  @Test(arguments: Array(PropertyCheck.seeds.prefix(20)))
  func generatedTracesAndTheirMutants(seed: UInt64) {
    for inputs in PropertyCheck.scenarios(seed: seed, steps: 40, variant: .seed) {
      guard let lines = TracePropertyTests.recordedLines(inputs) else { continue }
      Self.expectSame(TracePropertyTests.join(lines), "seed \(seed)")
      for (what, mutant) in TracePropertyTests.mutants(of: lines).prefix(6) {
        Self.expectSame(TracePropertyTests.join(mutant), "seed \(seed), \(what)")
      }
    }
  }

  @Test(arguments: Array(0..<40) as [UInt64])
  func mangledTraces(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    let inputs = PropertyCheck.scenarios(seed: seed, steps: 30, variant: .seed)[0]
    guard let lines = TracePropertyTests.recordedLines(inputs) else { return }
    var bytes = Array(TracePropertyTests.join(lines).utf8)
    // A few bytes changed, cut or doubled anywhere.
    for _ in 0..<3 where !bytes.isEmpty {
      let at = Int(random.next() % UInt64(bytes.count))
      switch random.next() % 4 {
      case 0: bytes[at] = UInt8(truncatingIfNeeded: random.next())
      case 1: bytes.remove(at: at)
      case 2: bytes.insert(bytes[at], at: at)
      default:
        bytes.insert(UInt8(ascii: [" ", "\n", "0", ">", "#"][Int(random.next() % 5)]), at: at)
      }
    }
    Self.expectSame(String(decoding: bytes, as: UTF8.self), "mangled seed \(seed)")
    let alone = Self.check(bytes, chunk: 1 << 16, .never)
    #expect(Self.check(bytes, chunk: 3, .always) == alone, "mangled seed \(seed), raw bytes")
  }

  /// A trace larger than a batch: lines cut across reads and batches.
  @Test func aTraceOfManyBatches() {
    var text = "blkio-trace 1\nramblock add r0 host=0x10000000 max=2M fd=10\n"
    text += "open d driver=virtio-blk-vhost-user\n"
    var index = 0
    while text.utf8.count < 700_000 {
      let host = "0x" + String(0x1000_0000 + (index % 512) * 0x1000, radix: 16)
      text += "register d host=\(host) size=4096\n# a comment of some length \(index)\n"
      text += "unregister d host=\(host) size=4096\n\n"
      index += 1
    }
    let (outcome, recorded) = T.record(text)
    #expect(outcome == .recorded(inputs: 2 + 2 * index))
    Self.expectSame(recorded, "recorded", chunks: [4099, 1 << 16])
    // A mismatch far in, and a line too long after it, found both ways.
    let lines = recorded.split(separator: "\n", omittingEmptySubsequences: false)
    let late = lines.count * 3 / 4
    guard let output = (late..<lines.count).first(where: { lines[$0].hasPrefix("> map") }) else {
      Issue.record("no map line late in the trace")
      return
    }
    var changed = lines
    changed[output] = Substring(lines[output].replacingOccurrences("fd=10", "fd=11"))
    let mismatching = changed.joined(separator: "\n")
    Self.expectSame(mismatching, "mismatch at line \(output + 1)", chunks: [1 << 16])
    #expect(T.mismatch(Self.check(Array(mismatching.utf8), chunk: 1 << 16, .always)) != nil)
    var long = lines
    long.insert(Substring("# " + String(repeating: "x", count: 70_000)), at: late)
    let tooLong = long.joined(separator: "\n")
    Self.expectSame(tooLong, "a long line at \(late + 1)", chunks: [1 << 16])
    #expect(T.invalidLine(Self.check(Array(tooLong.utf8), chunk: 1 << 16, .always)) == late + 1)
  }

  /// A failed read is reported at the same line both ways.
  @Test(arguments: [1, 5_000, 300_000, 600_000])
  func aFailedRead(after bytes: Int) {
    var text = "blkio-trace 1\n"
    while text.utf8.count < 700_000 { text += "# filler line \(text.utf8.count)\n" }
    let all = Array(text.utf8)
    func outcome(_ readAhead: ReadAhead) -> CheckOutcome {
      TraceCheck.run(source: FailingSource(bytes: all, failAt: bytes), readAhead: readAhead)
    }
    #expect(outcome(.always) == outcome(.never))
    guard case .failed(.unreadable(let error, _)) = outcome(.always) else {
      Issue.record("not a read error: \(outcome(.always))")
      return
    }
    #expect(error.code == 5)
  }
}

/// Bytes read in chunks of 4,096 until `failAt`, then EIO.
struct FailingSource: ByteSource {
  let bytes: [UInt8]
  let failAt: Int
  var position = 0

  mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(ReadError) -> Int {
    guard position < failAt else { throw ReadError(code: 5) }
    let count = min(buffer.count, 4096, failAt - position, bytes.count - position)
    for offset in 0..<count { buffer[offset] = bytes[position + offset] }
    position += count
    return count
  }
}

extension Substring {
  fileprivate func replacingOccurrences(_ old: String, _ new: String) -> String {
    String(self).split(separator: old, omittingEmptySubsequences: false).joined(separator: new)
  }
}
