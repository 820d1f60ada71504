import RegionModel
import Testing

/// Bad input never crashes or hangs: random bytes and mangled traces end in
/// exit 65 naming a line (or, for a mangling that leaves a valid trace, in a
/// normal check).
@Suite(.timeLimit(.minutes(2))) struct FuzzTests {
  typealias T = TraceTestSupport

  static func lineCount(_ bytes: [UInt8]) -> Int {
    bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
  }

  @Test(arguments: 0..<200 as Range<UInt64>)
  func randomBytesAreAnInvalidTrace(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    let count = Int(random.bounded(3000))
    var bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    if random.chance(1, in: 2) {
      // Start like a trace, so that the rest reaches the record parsers.
      bytes = Array("blkio-trace 1\nopen d driver=io_uring\n".utf8) + bytes
    }
    let outcome = T.check(bytes)
    guard let line = T.invalidLine(outcome) else {
      #expect(Bool(false), "seed \(seed): random bytes gave \(outcome)")
      return
    }
    #expect((1...Self.lineCount(bytes) + 1).contains(line), "seed \(seed): line \(line)")
    var input = MemorySource(bytes)
    var out = MemorySink()
    var err = MemorySink()
    let status = RegionSimCommand.run(
      arguments: ["check", "-"], standardInput: &input, standardOutput: &out, standardError: &err)
    #expect(status == 65)
    #expect(err.text.hasPrefix("<stdin>:\(line): "))
  }

  @Test(arguments: 0..<100 as Range<UInt64>)
  func mangledTracesNeverCrash(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    let inputs = ScenarioGenerator.scenario(&random, steps: 25)
    var bytes = Array(T.record(PropertyCheck.trace(inputs)).1.utf8)
    for _ in 0..<Int(random.bounded(4) + 1) {
      let at = Int(random.bounded(UInt64(bytes.count + 1)))
      switch random.bounded(4) {
      case 0: if at < bytes.count { bytes[at] = UInt8(truncatingIfNeeded: random.next()) }
      case 1: bytes.insert(contentsOf: Array("=x 0x #>\t-".utf8).shuffledPrefix(&random), at: at)
      case 2: bytes.removeSubrange(at..<min(at + Int(random.bounded(12)), bytes.count))
      default: bytes.insert(UInt8(ascii: "\n"), at: at)
      }
    }
    let outcome = T.check(bytes)
    if let line = T.invalidLine(outcome) {
      #expect((1...Self.lineCount(bytes) + 1).contains(line), "seed \(seed): line \(line)")
    }
  }

  @Test(arguments: 0..<100 as Range<UInt64>)
  func aBadByteInAnInputIsReportedOnItsLine(seed: UInt64) throws {
    var random = SplitMix64(seed: seed)
    let inputs = ScenarioGenerator.scenario(&random, steps: 25)
    var lines = T.record(PropertyCheck.trace(inputs)).1.split(separator: "\n").map(String.init)
    let inputLines = lines.indices.filter {
      !lines[$0].hasPrefix(">") && !lines[$0].hasPrefix("blkio")
    }
    let picked = random.pick(inputLines)
    let target = try #require(picked)
    // Mangle one token: a byte no token may hold, or a cut into its value.
    var tokens = lines[target].split(separator: " ").map(String.init)
    let which = Int(random.bounded(UInt64(tokens.count)))
    let bad = random.pick(["@", "\u{1}", "é", "=", "/"]) ?? "@"
    tokens[which] =
      which == 0 || !tokens[which].contains("=") ? bad + tokens[which] : tokens[which] + bad
    lines[target] = tokens.joined(separator: " ")
    let outcome = T.check(lines.joined(separator: "\n"))
    #expect(
      T.invalidLine(outcome) == target + 1, "seed \(seed): '\(lines[target])' gave \(outcome)")
  }
}

extension Array {
  fileprivate func shuffledPrefix(_ random: inout SplitMix64) -> [Element] {
    var copy = self
    for index in copy.indices.reversed() where index > 0 {
      copy.swapAt(index, Int(random.bounded(UInt64(index + 1))))
    }
    return Array(copy.prefix(Int(random.bounded(UInt64(count))) + 1))
  }
}
