import RegionModel
import Testing

/// Properties of `check --calls-only` over generated captures
/// (``GeneratedCapture``): a capture of a QEMU that behaves as the model
/// passes; any field of any compared call changed, or a call an event owed
/// left out, is reported at the line where the capture first differs; and
/// mangled captures end in a named line, never a crash.
@Suite struct CapturePropertyTests {
  typealias S = CaptureTestSupport
  static let seeds = Array(0..<300 as Range<UInt64>)

  @Test(arguments: seeds)
  func aCaptureOfTheModelsCallsPasses(seed: UInt64) {
    let capture = GeneratedCapture.make(seed: seed)
    let outcome = S.check(capture.text, ram: capture.ramText)
    guard case .passed(let statistics) = outcome else {
      Issue.record("seed \(seed): \(outcome)\n\(capture.ramText)\n\(capture.text)")
      return
    }
    let compared = capture.kinds.filter {
      if case .guestCall = $0 { return true }
      return false
    }
    #expect(statistics.mapsChecked + statistics.unmapsChecked == compared.count, "seed \(seed)")
    #expect(statistics.bouncePoolCalls == capture.kinds.filter { $0 == .bounce }.count)
  }

  @Test(arguments: seeds)
  func aChangedFieldIsReportedAtItsLine(seed: UInt64) {
    var capture = GeneratedCapture.make(seed: seed)
    var random = SplitMix64(seed: seed ^ 0x5eed)
    let candidates = capture.kinds.indices.filter {
      if case .guestCall = capture.kinds[$0] { return true }
      return false
    }
    guard let index = random.pick(candidates) else { return }
    // One field of the record changed: a number moved by 0x1000 (fd by 1),
    // iova or flags set, a success turned into -EINVAL or a failure into 0.
    var words = capture.lines[index].split(separator: " ").map(String.init)
    let fields = ["addr", "len", "fd-offset", "fd", "iova", "flags", "ret"].filter { key in
      words.contains { $0.hasPrefix(key + "=") }
    }
    guard let key = random.pick(fields),
      let at = words.firstIndex(where: { $0.hasPrefix(key + "=") })
    else { return }
    let value = String(words[at].dropFirst(key.count + 1))
    switch key {
    case "fd": words[at] = "fd=\((Int32(value) ?? 0) &+ 1)"
    case "ret": words[at] = value == "0" ? "ret=-22" : "ret=0"
    case "iova", "flags": words[at] = "\(key)=0x1000"
    default:
      let number = UInt64(value.dropFirst(2), radix: 16) ?? 0
      words[at] = "\(key)=0x\(String(number &+ 0x1000, radix: 16))"
    }
    capture.lines[index] = words.joined(separator: " ")
    let outcome = S.check(capture.text, ram: capture.ramText)
    guard case .mismatch(let mismatch, _) = outcome else {
      Issue.record("seed \(seed): '\(capture.lines[index])' not reported: \(outcome)")
      return
    }
    #expect(mismatch.line == index + 1, "seed \(seed): \(mismatch.report(file: "c"))")
  }

  @Test(arguments: seeds)
  func aMissingCallIsReportedWhereTheCaptureMovesOn(seed: UInt64) {
    var capture = GeneratedCapture.make(seed: seed)
    var random = SplitMix64(seed: seed ^ 0xdead)
    let candidates = capture.kinds.indices.filter {
      capture.kinds[$0] == .guestCall(byEvent: true)
    }
    guard let index = random.pick(candidates) else { return }
    capture.lines.remove(at: index)
    capture.kinds.remove(at: index)
    // The next line the checker compares, or where it demands what is
    // owed: skipping bounce-pool calls and the rest; the last line at the
    // end.
    let expected =
      (index..<capture.kinds.count).first(where: {
        switch capture.kinds[$0] {
        case .guestCall, .barrier: true
        case .bounce, .other: false
        }
      }).map { $0 + 1 } ?? capture.lines.count
    let outcome = S.check(capture.text, ram: capture.ramText)
    guard case .mismatch(let mismatch, _) = outcome else {
      Issue.record("seed \(seed): the missing line \(index + 1) not reported: \(outcome)")
      return
    }
    #expect(
      mismatch.line == expected,
      "seed \(seed): \(mismatch.report(file: "c"))\n\(capture.ramText)\n\(capture.text)")
  }

  @Test(arguments: Array(0..<200 as Range<UInt64>))
  func mangledCapturesEndInANamedLine(seed: UInt64) {
    let capture = GeneratedCapture.make(seed: seed)
    var random = SplitMix64(seed: seed ^ 0xf00d)
    var bytes = Array(capture.text.utf8)
    for _ in 0..<Int(random.bounded(4) + 1) {
      let at = Int(random.bounded(UInt64(bytes.count + 1)))
      switch random.bounded(5) {
      case 0: if at < bytes.count { bytes[at] = UInt8(truncatingIfNeeded: random.next()) }
      case 1: bytes.insert(contentsOf: Array("=%x 0x #\t-(null)".utf8), at: at)
      case 2: bytes.removeSubrange(at..<min(at + Int(random.bounded(40)), bytes.count))
      case 3: bytes = Array(bytes[..<at])
      default: bytes.insert(UInt8(ascii: "\n"), at: at)
      }
    }
    let text = String(decoding: bytes, as: UTF8.self)
    let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
    switch S.check(text, ram: capture.ramText) {
    case .passed, .mismatch: break
    case .invalidCapture(.invalid(let error)):
      #expect((1...lineCount + 1).contains(error.line), "seed \(seed): line \(error.line)")
      #expect(!error.message.isEmpty)
    case .invalidCapture(let other):
      Issue.record("seed \(seed): \(other)")
    }
  }
}
