import RegionModel
import Testing

@Suite struct TraceParserTests {
  typealias T = TraceTestSupport

  @Test(
    arguments: [
      ("4096", 4096), ("0x1000", 4096), ("0X1000", 4096), ("0xAbC", 0xABC), ("4K", 4096),
      ("1G", 1 << 30), ("2T", 2 << 40), ("1M", 1 << 20), ("0", 0), ("007", 7),
      ("18446744073709551615", UInt64.max), ("0xffffffffffffffff", UInt64.max),
      ("0x00000000000000000001", 1), ("16777215T", 16_777_215 << 40),
    ] as [(String, UInt64)])
  func numbersParse(text: String, value: UInt64) throws {
    #expect(
      try T.parse("register n host=\(text) size=0")
        == .input(.register(node: "n", host: value, size: 0)))
  }

  @Test(arguments: [
    "18446744073709551616", "0x10000000000000000", "16777216T", "99999999999999999999K",
  ])
  func numbersThatDoNotFitAreRefused(text: String) {
    #expect(throws: TraceSyntaxError("host='\(text)' does not fit in an unsigned 64-bit integer")) {
      try T.parse("register n host=\(text) size=0")
    }
  }

  @Test(arguments: ["", "0x", "4k", "1KB", "-1", "+1", "0x1K", "1.5", "K", "0b1", "1e3"])
  func malformedNumbersAreRefused(text: String) {
    #expect(throws: TraceSyntaxError.self) { try T.parse("register n host=\(text) size=0") }
  }

  @Test func fdIsASigned32BitDecimal() throws {
    #expect(
      try T.parse("ramblock add r host=1 max=1 fd=-2147483648")
        == .input(.ramblockAdd(name: "r", host: 1, max: 1, used: nil, fd: .min, fileOffset: 0)))
    #expect(throws: TraceSyntaxError("fd='2147483648' does not fit in a signed 32-bit integer")) {
      try T.parse("ramblock add r host=1 max=1 fd=2147483648")
    }
    #expect(throws: TraceSyntaxError("fd='0x3' is not a decimal file descriptor")) {
      try T.parse("ramblock add r host=1 max=1 fd=0x3")
    }
  }

  @Test func keywordArgumentsComeInAnyOrderOnce() throws {
    let expected = TraceLine.input(
      .ramblockAdd(name: "r.1_x-y", host: 0x1000, max: 0x2000, used: 0x1000, fd: 3, fileOffset: 8))
    #expect(try T.parse("ramblock add r.1_x-y host=4K max=8K used=4K fd=3 fd-offset=8") == expected)
    #expect(
      try T.parse("\t ramblock  add r.1_x-y fd-offset=8 fd=3\tused=0x1000 max=8K host=4096 ")
        == expected)
    #expect(throws: TraceSyntaxError("key 'host' is given twice")) {
      try T.parse("ramblock add r host=1 max=1 host=1")
    }
    #expect(throws: TraceSyntaxError("'ramblock add' needs max=")) {
      try T.parse("ramblock add r host=1")
    }
    #expect(throws: TraceSyntaxError.self) { try T.parse("ramblock add r host=1 max=1 colour=red") }
    #expect(throws: TraceSyntaxError.self) { try T.parse("ramblock add r/1 host=1 max=1") }
    #expect(throws: TraceSyntaxError.self) { try T.parse("register n host=1 size=1 extra") }
  }

  @Test func openTakesADriverAndProperties() throws {
    #expect(
      try T.parse(
        "open d mem-regions-pinned=absent start=fail driver=virtio-blk-vhost-user max-mem-regions=2"
      )
        == .input(
          .open(
            node: "d", driver: .virtioBlkVhostUser,
            overrides: [
              .maxMemRegions(2), .memRegionsPinned(nil), .start(fails: true),
            ])))
    #expect(throws: TraceSyntaxError.self) { try T.parse("open d driver=nvme") }
    #expect(throws: TraceSyntaxError.self) {
      try T.parse("open d driver=io_uring mem-region-alignment=0")
    }
    #expect(throws: TraceSyntaxError.self) {
      try T.parse("open d driver=io_uring needs-mem-regions=absent")
    }
    #expect(throws: TraceSyntaxError.self) { try T.parse("open d driver=io_uring start=maybe") }
    #expect(throws: TraceSyntaxError("'open' needs driver=")) { try T.parse("open d") }
  }

  @Test func commentsAndBlankLines() throws {
    #expect(try T.parse("") == .nothing)
    #expect(try T.parse("   \t ") == .nothing)
    #expect(try T.parse("# register n host=1 size=1") == .nothing)
    #expect(try T.parse("close n # a comment") == .input(.close(node: "n")))
    #expect(try T.parse("close n#glued") == .input(.close(node: "n")))
    #expect(try T.parse("> ok # fine") == .output(.result(.ok)))
  }

  @Test func errorMessagesAreVerbatim() throws {
    #expect(try T.parse("> error a  b # c  ") == .output(.result(.error("a  b # c"))))
    #expect(try T.parse(">error x") == .output(.result(.error("x"))))
    #expect(try T.parse("> error") == .output(.result(.error(""))))
    #expect(throws: TraceSyntaxError.self) { try T.parse("> errors x") }
  }

  @Test func outputRecords() throws {
    #expect(
      try T.parse("> map ret=-ENOSPC fd-offset=0 fd=-1 len=4K addr=0x1000")
        == .output(
          .call(.map(MemRegion(addr: 4096, len: 4096, fd: -1, fdOffset: 0), .failure(.ENOSPC)))))
    #expect(
      try T.parse("> unmap addr=1 len=2 fd=3 fd-offset=4")
        == .output(.call(.unmap(MemRegion(addr: 1, len: 2, fd: 3, fdOffset: 4)))))
    #expect(
      try T.parse(">discard-disable ret=-EBUSY")
        == .output(.call(.discardDisable(.failure(.EBUSY)))))
    #expect(try T.parse("> discard-enable") == .output(.call(.discardEnable)))
    #expect(throws: TraceSyntaxError.self) {
      try T.parse("> unmap addr=1 len=2 fd=3 fd-offset=4 ret=0")
    }
    #expect(throws: TraceSyntaxError.self) {
      try T.parse("> map addr=1 len=2 fd=3 fd-offset=4 ret=-22")
    }
    #expect(throws: TraceSyntaxError.self) {
      try T.parse("> map addr=1 len=2 fd=3 fd-offset=4 ret=-ENOTSUP")
    }
    #expect(throws: TraceSyntaxError.self) { try T.parse(">") }
    #expect(throws: TraceSyntaxError.self) { try T.parse("> ok now") }
  }

  @Test func headerAndUnknownRecords() throws {
    #expect(try T.parse("blkio-trace 1") == .header)
    #expect(try T.parse("blkio-trace 1 # v1") == .header)
    #expect(throws: TraceSyntaxError.self) { try T.parse("blkio-trace 2") }
    #expect(throws: TraceSyntaxError.self) { try T.parse("blkio-trace") }
    #expect(throws: TraceSyntaxError.self) { try T.parse("blkio-trace 1 1") }
    #expect(throws: TraceSyntaxError.self) { try T.parse("mount n") }
    #expect(throws: TraceSyntaxError.self) { try T.parse("discard now") }
    #expect(throws: TraceSyntaxError.self) { try T.parse("discard require please") }
    #expect(throws: TraceSyntaxError.self) { try T.parse("ramblock move r") }
  }

  @Test func invalidUTF8IsRefused() {
    var bytes: [UInt8] = Array("close n # ".utf8) + [0xFF, 0xFE]
    #expect(throws: TraceSyntaxError("the line is not valid UTF-8")) {
      try bytes.withUnsafeMutableBufferPointer {
        try TraceLineParser.parse(UnsafeBufferPointer($0))
      }
    }
  }

  @Test func canonicalInputLinesParseBackToTheSameInput() throws {
    let inputs: [TraceInput] = [
      .ramblockAdd(name: "r", host: 0x1000, max: 0x2000, used: 0x1000, fd: 3, fileOffset: 8),
      .ramblockAdd(name: "r", host: 0, max: 1, used: nil, fd: -1, fileOffset: 0),
      .ramblockRemove(name: "r"), .ramblockResize(name: "r", used: 0),
      .open(
        node: "d", driver: .nvmeIoUring,
        overrides: [
          .needsMemRegions(true), .needsMemRegionFD(false), .memRegionAlignment(3),
          .maxMemRegions(0),
          .mayPinMemRegions(nil), .memRegionsPinned(true), .start(fails: false),
        ]),
      .close(node: "d"), .register(node: "d", host: .max, size: 0),
      .unregister(node: "d", host: 1, size: 2), .discardRequire, .discardRelease,
    ]
    for input in inputs {
      #expect(try T.parse(CanonicalForm.line(input)) == .input(input))
    }
  }
}
