import Testing

@testable import RegionModel

/// The shortcut for the hottest inputs against the general input parser:
/// every line the shortcut accepts, the general parser accepts with the
/// same record; the lines it hands on are whatever they were before.
@Suite struct HotInputParserTests {
  static let seeds: [UInt64] = Array(0..<20)

  /// The pieces lines are made of: the shortcut's shapes and the ways a
  /// line can leave them (another key order, a key twice or missing, a bad
  /// name or number, `zeroes=`, `ret=`, comments, tabs and carriage
  /// returns).
  static let keywords = [
    "register", "unregister", "read", "write", "complete", "registerx", "Register", "close",
    "node add", "child add", "node remove", "child remove", "node", "child", "ramblock add",
    "ramblock remove", "ramblock", "ramblock resize",
  ]
  static let arguments = [
    "d", "node-1", "r.2", "bad/name", "", "host=0x1000", "host=4K", "host=0X1F", "size=2M",
    "size=0", "size=18446744073709551616", "host=0x", "host=", "size=1Q", "blk=b0", "blk=",
    "blk=x!", "zeroes=true", "ret=-EIO", "ret=0", "ret=-ENOSPC", "ret=-EBOGUS", "ret=EIO",
    "ret=-", "ret=", "ret=00", "#", "# comment", "host=0x1000#c", "x=1",
    "size=0x200000", "host=0xffffffffffffffff", "HOST=1", "format=qcow2", "format=raw",
    "format=", "format=x/y", "role=backing", "clears-flag=true", "detect-zeroes=on", "add",
    "max=2M", "max=0", "fd=10", "fd=-1", "fd=2147483648", "fd=x", "used=4K", "fd-offset=0x1000",
    "guest-memfd=true", "remove",
  ]
  static let gaps = [" ", "  ", "\t", " \t ", "\r"]

  /// Where a line's content starts (after white space) and ends (at its
  /// comment), as TraceLineParser finds them.
  static func content(_ line: UnsafeBufferPointer<UInt8>) -> (start: Int, end: Int) {
    var start = 0
    while start < line.count, ByteClass.isWhiteSpace(line[start]) { start += 1 }
    return (start, line[start...].firstIndex(of: ByteClass.hash) ?? line.count)
  }

  /// The shortcut's reading of a line, nil when it hands the line on.
  static func hot(_ line: UnsafeBufferPointer<UInt8>) -> TraceInput? {
    let (start, end) = content(line)
    var names = StringNames()
    return HotInputParser.parse(line, from: start, to: end, names: &names)
  }

  /// The general parser's reading of a line: its record, or its error.
  static func general(_ line: UnsafeBufferPointer<UInt8>) -> Result<TraceInput, TraceSyntaxError> {
    let (start, end) = content(line)
    var names = StringNames()
    do throws(TraceSyntaxError) {
      return .success(
        try InputRecordParser.parse(LineTokens(line: line, from: start, to: end), names: &names))
    } catch {
      return .failure(error)
    }
  }

  @Test(arguments: seeds) func acceptsOnlyWhatTheGeneralParserAcceptsAlike(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    var accepted = 0
    for _ in 0..<2000 {
      var text = random.chance(1, in: 4) ? (random.pick(Self.gaps) ?? "") : ""
      let keyword = random.pick(Self.keywords) ?? "register"
      text += keyword
      // A shape the shortcut takes, then a few changes to it.
      var tokens = ["r1", "blk=b0", "host=0x1000", "size=4K"]
      if keyword.hasSuffix("register") { tokens.remove(at: 1) }
      if keyword == "complete" { tokens = random.chance(1, in: 2) ? ["r1"] : ["r1", "ret=-EIO"] }
      if keyword.hasPrefix("node") { tokens = ["n1", "format=qcow2"] }
      if keyword.hasPrefix("node remove") { tokens = ["n1"] }
      if keyword.hasPrefix("child") { tokens = ["p", "c"] }
      if keyword.hasPrefix("ramblock") { tokens = ["r0", "host=0x10000000", "max=2M", "fd=10"] }
      if keyword == "ramblock remove" { tokens = ["r0"] }
      for index in tokens.indices where random.chance(1, in: 8) {
        tokens[index] = random.pick(Self.arguments) ?? "d"
      }
      if random.chance(1, in: 8), tokens.count > 1 {
        tokens.swapAt(0, Int(random.bounded(UInt64(tokens.count))))
      }
      if random.chance(1, in: 8), !tokens.isEmpty {
        tokens.remove(at: Int(random.bounded(UInt64(tokens.count))))
      }
      if random.chance(1, in: 6) { tokens.append(random.pick(Self.arguments) ?? "d") }
      for token in tokens { text += (random.pick(Self.gaps) ?? " ") + token }
      if random.chance(1, in: 4) { text += random.pick(Self.gaps) ?? " " }
      var bytes = Array(text.utf8)
      bytes.withUnsafeBufferPointer { line in
        guard let hot = Self.hot(line) else { return }
        accepted += 1
        let general = Self.general(line)
        #expect(
          (try? general.get()) == hot, "line '\(text)': shortcut \(hot), general \(general)")
      }
      bytes.removeAll()
    }
    // The generator must reach the shortcut often enough to test it.
    #expect(accepted > 300)
  }

  /// The name bytes' bit masks hold exactly `[A-Za-z0-9_.-]`.
  @Test func nameBytesAreLettersDigitsAndThreeMarks() {
    for value in 0...255 {
      let byte = UInt8(value)
      let scalar = Unicode.Scalar(byte)
      let expected =
        byte < 128
        && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
          || ("0"..."9").contains(scalar) || "_.-".unicodeScalars.contains(scalar))
      #expect(ByteClass.isNameByte(byte) == expected, "byte \(value)")
    }
  }

  /// The canonical forms of the shortcut's shapes are all taken by it.
  @Test func takesTheCanonicalShapes() {
    let lines = [
      "register d host=0x43000000 size=2M", "unregister n1 host=0 size=0x1000",
      "read r1 blk=b0 host=0x1000 size=4K", "write w blk=b host=0x2000 size=512  # note",
      "complete r1", "\tcomplete r1\r", "complete r1 ret=-EIO", "complete r1 ret=0 # ok",
      "node add n1", "node add n1 format=qcow2",
      "node add n2   format=throttle # x", "child add p1 c1", "child remove p1 c1",
      "node remove n1", "ramblock add pc.ram host=0x7f0000000000 max=1G fd=10",
      "ramblock add m host=0x1000 max=4K", "ramblock remove pc.ram",
    ]
    for text in lines {
      var bytes = Array(text.utf8)
      bytes.withUnsafeBufferPointer { line in
        let hot = Self.hot(line)
        #expect(hot != nil, "'\(text)'")
        #expect(hot == (try? Self.general(line).get()), "'\(text)'")
      }
      bytes.removeAll()
    }
  }
}
