import RegionModel
import Testing

@Suite struct TraceCheckTests {
  typealias T = TraceTestSupport

  static let vfio = """
    blkio-trace 1
    open d driver=virtio-blk-vfio-pci
    > discard-disable ret=0
    > ok
    register d host=0x1000 size=0x1000

    """

  @Test func aMatchingTracePassesAndCounts() {
    let outcome = T.check(Self.vfio + "> map addr=4K len=4096 fd=-1 fd-offset=0x0 ret=0\n> ok\n")
    var expected = CheckStatistics()
    expected.inputs = 2
    expected.outputLines = 4
    expected.callsChecked = 2
    expected.resultsChecked = 2
    #expect(outcome == .passed(expected))
  }

  @Test func theResultMayBeLeftOut() {
    #expect(T.passed(T.check(Self.vfio + "> map addr=0x1000 len=0x1000 fd=-1 fd-offset=0 ret=0\n")))
  }

  @Test func noCallLinesMeansNoCall() throws {
    let mismatch = try #require(T.mismatch(T.check(Self.vfio + "> ok\n")))
    #expect(mismatch.inputLine == 5)
    #expect(mismatch.expectedLine == 6)
    #expect(mismatch.expected == .result(.ok))
    #expect(
      mismatch.actual
        == .call(.map(MemRegion(addr: 0x1000, len: 0x1000, fd: -1, fdOffset: 0), .success)))
    // And with nothing listed at all, the missing call is reported at the end.
    let atEnd = try #require(T.mismatch(T.check(Self.vfio)))
    #expect(atEnd.expected == nil)
    #expect(atEnd.expectedLine == 6)
  }

  @Test func aResultBeforeTheCallsIsOutOfOrder() {
    let text = Self.vfio + "> ok\n> map addr=0x1000 len=0x1000 fd=-1 fd-offset=0 ret=0\n"
    #expect(T.mismatch(T.check(text)) != nil)
  }

  @Test func aResultAfterAnInputWithoutOneIsAMismatch() throws {
    let text =
      Self.vfio
      + "> map addr=0x1000 len=0x1000 fd=-1 fd-offset=0 ret=0\nclose d\n> discard-enable\n> ok\n"
    let mismatch = try #require(T.mismatch(T.check(text)))
    #expect(mismatch.inputLine == 7)
    #expect(mismatch.note == "this input yields no result line")
  }

  @Test func aDifferentErrorMessageIsAMismatch() {
    let text = """
      blkio-trace 1
      discard require
      > error Discarding RAM is disabled

      """
    #expect(T.mismatch(T.check(text))?.actual == .result(.ok))
  }

  @Test func structuralErrorsAreInvalidWithTheirLine() {
    #expect(T.invalidLine(T.check("")) == 1)
    #expect(T.invalidLine(T.check("# only a comment\n\n")) == 2)
    #expect(T.invalidLine(T.check("close d\nblkio-trace 1\n")) == 1)
    #expect(T.invalidLine(T.check("blkio-trace 1\n> ok\n")) == 2)
    #expect(T.invalidLine(T.check("blkio-trace 1\nblkio-trace 1\n")) == 2)
    #expect(T.invalidLine(T.check("blkio-trace 1\nclose d\n")) == 2)
    #expect(T.invalidLine(T.check("blkio-trace 1\ndiscard release\n")) == 2)
    #expect(T.invalidLine(T.check("blkio-trace 1\nramblock add a host=0 max=0\n")) == 2)
    #expect(
      T.invalidLine(T.check("blkio-trace 1\nramblock add a host=0xffffffffffffffff max=2\n")) == 2)
    #expect(
      T.invalidLine(
        T.check("blkio-trace 1\nramblock add a host=0 max=8K\n\nramblock add b host=4K max=1\n"))
        == 4)
    #expect(
      T.invalidLine(
        T.check("blkio-trace 1\nopen d driver=io_uring\n> ok\nopen d driver=io_uring\n")) == 4)
  }

  @Test func anInvalidTraceIsInvalidEvenAfterAMismatch() {
    // The open's discard-disable is not listed (a mismatch at line 2), but
    // line 4 is an error of the trace: the trace is invalid.
    let text = "blkio-trace 1\nopen d driver=virtio-blk-vhost-user\n> ok\nclose e\n"
    #expect(T.invalidLine(T.check(text)) == 4)
    #expect(
      T.mismatch(T.check("blkio-trace 1\nopen d driver=virtio-blk-vhost-user\n> ok\nclose d\n"))
        != nil)
  }

  @Test func anOverlongLineIsInvalidNotBuffered() {
    let long =
      "blkio-trace 1\n# "
      + String(repeating: "x", count: LineReader<MemorySource>.maximumLineLength) + "\n"
    #expect(T.invalidLine(T.check(long, chunkSize: 4096)) == 2)
  }

  @Test(arguments: [1, 2, 3, 7, 64, 1 << 16])
  func chunkBoundariesDoNotMatter(chunkSize: Int) {
    // No line feed after the last line.
    let text = Self.vfio + "> map addr=0x1000 len=0x1000 fd=-1 fd-offset=0 ret=0\n> ok"
    #expect(T.check(text, chunkSize: chunkSize) == T.check(text))
    #expect(T.passed(T.check(text, chunkSize: chunkSize)))
  }

  @Test func crlfLineEndsRead() {
    let text =
      Self.vfio.replacingOccurrences("\n", "\r\n")
      + "> map addr=0x1000 len=0x1000 fd=-1 fd-offset=0 ret=0\r\n"
    #expect(T.passed(T.check(text)))
  }

  @Test func recordWritesCanonicalOutputsAndCopiesTheRest() throws {
    let text = """
      # a comment before the header
      blkio-trace 1
      open d driver=virtio-blk-vfio-pci   # keeps its comment
      > ok
      # between
      register d host=4K size=4K
      > map addr=1 len=1 fd=1 fd-offset=1 ret=-EIO
      discard require
      """
    let (outcome, recorded) = T.record(text)
    #expect(outcome == .recorded(inputs: 3))
    #expect(
      recorded == """
        # a comment before the header
        blkio-trace 1
        open d driver=virtio-blk-vfio-pci   # keeps its comment
        > discard-disable ret=0
        > ok
        # between
        register d host=4K size=4K
        > map addr=0x1000 len=0x1000 fd=-1 fd-offset=0x0 ret=0
        > ok
        discard require
        > error Discarding RAM is disabled

        """)
    #expect(T.passed(T.check(recorded)))
    #expect(T.record(recorded).1 == recorded)
  }

  /// An unlisted output is reported with the names it had: `check` writes
  /// the model's lines out only when it must, and must do so before the
  /// next input releases `r1` and gives its id to `r9`.
  @Test func anUnlistedOutputKeepsItsNames() throws {
    let text = """
      blkio-trace 1
      ramblock add pc.ram host=0x7f0000000000 max=2G fd=20
      open proto0 driver=virtio-blk-vhost-user
      node add disk0 format=qcow2
      child add disk0 proto0
      backend add blk0 root=disk0
      registrar attach blk0
      read r1 blk=blk0 host=0x7f0000100000 size=4K
      complete r1
      read r9 blk=blk0 host=0x7f0000200000 size=4K

      """
    let (outcome, recorded) = T.record(text)
    #expect(outcome == .recorded(inputs: 9))
    let lines = recorded.split(separator: "\n", omittingEmptySubsequences: false)
    let done = try #require(lines.firstIndex(of: "> done r1 ret=0"))
    var unlisted = lines
    unlisted.remove(at: done)
    for readAhead in [ReadAhead.never, .always] {
      let outcome = TraceCheck.run(
        source: MemorySource(unlisted.joined(separator: "\n")), readAhead: readAhead)
      let mismatch = try #require(T.mismatch(outcome))
      #expect(mismatch.inputText == "complete r1")
      #expect(mismatch.expected == nil)
      #expect(mismatch.actual == .call(.done(request: "r1", ret: .success)))
      #expect(mismatch.expectedLine == done + 1)
    }
  }
}

extension String {
  fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
