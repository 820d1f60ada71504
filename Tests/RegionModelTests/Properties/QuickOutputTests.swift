import Testing

@testable import RegionModel

/// `check` compares a `map`, `unmap`, `ok` or `error` line with the model's
/// call as a record (`QuickOutput`) instead of byte for byte. That is the
/// same comparison only if a record is read from exactly the canonical
/// lines: every canonical line reads back as its record, and a line that
/// reads as a record is that record's canonical line.
@Suite struct QuickOutputTests {
  static func read(_ line: String) -> QuickOutput {
    var bytes = Array(line.utf8)
    return bytes.withUnsafeMutableBufferPointer { QuickOutput.read(UnsafeBufferPointer($0)) }
  }

  /// The canonical line of what `quick` read from `line`, nil for none.
  static func canonical(_ quick: QuickOutput, of line: String) -> String? {
    switch quick {
    case .none: nil
    case .map(let region, let ret): CanonicalForm.line(.call(.map(region, ret)))
    case .unmap(let region): CanonicalForm.line(.call(.unmap(region)))
    case .submit(let request, let node, let addr, let len, let via):
      CanonicalForm.line(
        .call(
          .submit(
            request: text(request, of: line), node: text(node, of: line),
            buffer: IOBuffer(addr: addr, len: len, bounce: via == 1, zeroes: via == 2))))
    case .wait(let request, let node):
      CanonicalForm.line(.call(.wait(request: text(request, of: line), node: text(node, of: line))))
    case .done(let request, let ret):
      CanonicalForm.line(.call(.done(request: text(request, of: line), ret: ret)))
    case .ok: CanonicalForm.line(.result(.ok))
    case .error(let start):
      CanonicalForm.line(
        .result(.error(String(decoding: Array(line.utf8)[Int(start)...], as: UTF8.self))))
    }
  }

  static func text(_ span: NameSpan, of line: String) -> String {
    let bytes = Array(line.utf8)
    return String(decoding: bytes[Int(span.start)..<Int(span.start + span.count)], as: UTF8.self)
  }

  static func randomRecord(_ random: inout SplitMix64) -> OutputRecord {
    func number() -> UInt64 {
      switch random.next() % 4 {
      case 0: 0
      case 1: random.next() % 16
      case 2: random.next() >> (random.next() % 64)
      default: UInt64.max - random.next() % 3
      }
    }
    let fds: [Int32] = [-1, 0, 7, 10, Int32.max, Int32.min, -12]
    let region = MemRegion(
      addr: number(), len: number(), fd: fds[Int(random.next() % UInt64(fds.count))],
      fdOffset: number())
    let errnos = Errno.allCases
    let ret: ReturnValue =
      random.next() % 2 == 0
      ? .success : .failure(errnos[Int(random.next() % UInt64(errnos.count))])
    let names = ["r1", "w0", "disk0", "a.b", "x-y", "_N9"]
    let request = names[Int(random.next() % UInt64(names.count))]
    let node = names[Int(random.next() % UInt64(names.count))]
    let buffer = IOBuffer(
      addr: number(), len: number(), bounce: random.next() % 2 == 0, zeroes: random.next() % 3 == 0)
    switch random.next() % 7 {
    case 0: return .call(.map(region, ret))
    case 1: return .call(.unmap(region))
    case 2: return .result(.ok)
    case 3: return .call(.submit(request: request, node: node, buffer: buffer))
    case 4: return .call(.wait(request: request, node: node))
    case 5: return .call(.done(request: request, ret: ret))
    default: return .result(.error("Failed to add blkio mem region 0x\(random.next() % 999): no"))
    }
  }

  @Test(arguments: Array(0..<20) as [UInt64])
  func canonicalLinesReadBackAsTheirRecords(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    for _ in 0..<200 {
      let line = CanonicalForm.line(Self.randomRecord(&random))
      let quick = Self.read(line)
      #expect(Self.canonical(quick, of: line) == line, "\(line)")
    }
  }

  /// Lines a byte or two away from canonical ones: read as a record only
  /// when they are that record's canonical line.
  @Test(arguments: Array(0..<20) as [UInt64])
  func otherSpellingsAreNotRead(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    let noise: [UInt8] = Array("0 1fFxX-+>\t=a#".utf8) + [0xFF, 0x01]
    for _ in 0..<300 {
      var bytes = Array(CanonicalForm.line(Self.randomRecord(&random)).utf8)
      for _ in 0..<(1 + random.next() % 2) where !bytes.isEmpty {
        let at = Int(random.next() % UInt64(bytes.count))
        let byte = noise[Int(random.next() % UInt64(noise.count))]
        switch random.next() % 3 {
        case 0: bytes.insert(byte, at: at)
        case 1: bytes[at] = byte
        default: bytes.remove(at: at)
        }
      }
      let line = String(decoding: bytes, as: UTF8.self)
      let quick = Self.read(line)
      if case .none = quick { continue }
      #expect(Self.canonical(quick, of: line) == line, "read as a record: \(line)")
      // `record` and `hazards` take it as a valid record without parsing it.
      var parsed = Array(line.utf8)
      let valid = parsed.withUnsafeMutableBufferPointer { buffer in
        (try? TraceStream.outputRecord(UnsafeBufferPointer(buffer), after: 1, number: 1)) != nil
      }
      #expect(valid, "read as a record but not valid: \(line)")
    }
  }

  @Test func spellingsThatAreNotCanonical() {
    for line in [
      "> map addr=0x01000 len=0x1000 fd=3 fd-offset=0x0 ret=0",
      "> map addr=0x1000 len=0x1000 fd=03 fd-offset=0x0 ret=0",
      "> map addr=0x1000 len=0x1000 fd=-0 fd-offset=0x0 ret=0",
      "> map addr=0X1000 len=0x1000 fd=3 fd-offset=0x0 ret=0",
      "> map addr=0x1000 len=0x1000 fd=3 fd-offset=0x00 ret=0",
      "> map addr=0x1000 len=0x1000 fd=3 fd-offset=0x0 ret=00",
      "> map addr=0x1000 len=0x1000 fd=3 fd-offset=0x0 ret=-einval",
      "> map addr=0x1000 len=0x1000 fd=3 fd-offset=0x0 ret=0 ",
      "> map addr=0x1000  len=0x1000 fd=3 fd-offset=0x0 ret=0",
      " > map addr=0x1000 len=0x1000 fd=3 fd-offset=0x0 ret=0",
      "> map addr=0x1000 len=0x1000 fd=3 fd-offset=0x0 ret=0\r",
      "> map addr=0xABC len=0x1000 fd=3 fd-offset=0x0 ret=0",
      "> map addr=0x10000000000000000 len=0x1000 fd=3 fd-offset=0x0 ret=0",
      "> map addr=0x1000 len=0x1000 fd=2147483648 fd-offset=0x0 ret=0",
      "> unmap addr=0x1000 len=0x1000 fd=3 fd-offset=0x0 ret=0",
      "> ok ",
      ">ok",
      "> submit r1 node=d addr=0x0 len=0x1000 via=Direct",
      "> submit r1  node=d addr=0x0 len=0x1000 via=direct",
      "> submit r1 node= addr=0x0 len=0x1000 via=direct",
      "> wait r1 node=d ",
      "> done r1 ret=0 ",
      "> done  ret=0",
    ] {
      if case .none = Self.read(line) {} else { Issue.record("read as a record: \(line)") }
    }
  }
}
