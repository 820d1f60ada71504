import RegionModel
import Testing

/// `regionsim check --calls-only`: a capture of a VM with a vhost-user disk
/// (registration of the RAM, a hot-plugged DIMM, a bounce, the unplug,
/// exit) checked against the model, and the differences it must report.
///
/// The expected calls follow QEMU's code: virtio-blk's RAM registrar
/// (`blk_ram_registrar_init()`, block/block-ram-registrar.c) registers
/// each RAMBlock as (host, max_length) when it attaches and when a block
/// is added (`ram_block_added()`), and unregisters it when the block goes
/// (`ram_block_removed()`); `blkio_mem_region_from_host()` (block/blkio.c)
/// gives the block's fd and `host - block->host` as fd_offset, 0 here;
/// `blkio_close()` calls `blkio_destroy()`, which unmaps without calls.
@Suite struct CallsOnlyCheckTests {
  typealias S = CaptureTestSupport

  static let capture = """
    regionsim-capture 1 pid=100
    create driver=virtio-blk-vhost-user ret=0 handle=0x5500 tid=100
    set-int handle=0x5500 name=fd value=-1 ret=-2 msg=no%20such%20property tid=100
    set-str handle=0x5500 name=path value=/tmp/vhost.sock ret=0 tid=100
    connect handle=0x5500 ret=0 tid=100
    get-bool handle=0x5500 name=needs-mem-regions ret=0 value=true tid=100
    get-bool handle=0x5500 name=needs-mem-region-fd ret=0 value=true tid=100
    get-uint64 handle=0x5500 name=mem-region-alignment ret=0 value=1 tid=100
    get-bool handle=0x5500 name=may-pin-mem-regions ret=0 value=true tid=100
    start handle=0x5500 ret=0 tid=100
    get-uint64 handle=0x5500 name=capacity ret=0 value=1073741824 tid=100
    map handle=0x5500 addr=0x7f4000000000 len=0x4000000 iova=0x0 fd-offset=0x0 fd=5 flags=0x0 ret=0 tid=100
    event ramblock add dimm0
    map handle=0x5500 addr=0x7f5000000000 len=0x2000000 iova=0x0 fd-offset=0x0 fd=7 flags=0x0 ret=0 tid=100
    alloc handle=0x5500 size=0x21000 ret=0 addr=0x7f7000000000 len=0x21000 iova=0x0 fd-offset=0x0 fd=9 flags=0x0 tid=100
    map handle=0x5500 addr=0x7f7000000000 len=0x21000 iova=0x0 fd-offset=0x0 fd=9 flags=0x0 ret=0 tid=100
    event ramblock remove dimm0
    unmap handle=0x5500 addr=0x7f5000000000 len=0x2000000 iova=0x0 fd-offset=0x0 fd=7 flags=0x0 tid=100
    destroy handle=0x5500 tid=100

    """

  /// The RAM map `regionsim import` writes for it: vga.vram has no fd.
  static let ram = """
    blkio-trace 1
    ramblock add pc.ram host=0x7f4000000000 max=0x4000000 fd=5
    ramblock add dimm0 host=0x7f5000000000 max=0x2000000 fd=7
    ramblock add vga.vram host=0x7f6000000000 max=0x1000000 fd=-1

    """

  static func files(_ name: String, capture: String = capture) -> (String, String) {
    let folder = S.folder(name)
    S.write(capture, to: folder + "/capture.txt")
    S.write(ram, to: folder + "/ram.trace")
    return (folder + "/capture.txt", folder + "/ram.trace")
  }

  @Test func theCaptureMatchesAndTheAssumptionsAreSaid() {
    let (capture, ram) = Self.files("match")
    let (status, output, errors) = S.run(["check", "--calls-only", capture, "--ram", ram])
    #expect(status == 0)
    #expect(errors == "")
    let expected = [
      "\(capture): assumed: the QEMU that made the capture behaves as variant 'merged' (line 3 "
        + "probes the fd property before connecting, as QEMU 8.1 and later do; the newest release "
        + "modelled)",
      "\(capture):10: assumed: blkio_create() at line 2 to blkio_start() here is QEMU's open of a "
        + "blkio node, given to the model as 'open blkio1 driver=virtio-blk-vhost-user "
        + "needs-mem-regions=true needs-mem-region-fd=true mem-region-alignment=1 "
        + "may-pin-mem-regions=true'",
      "\(capture):12: assumed: the first map on blkio1 is its device's RAM registrar attaching "
        + "(blk_ram_registrar_init()): 'backend add blk1 root=blkio1', 'registrar attach blk1'",
      "\(capture):19: assumed: blkio_destroy() is QEMU closing blkio1 (bdrv_close_all() at exit): "
        + "'backend detach blk1', 'close blkio1'",
      "\(capture): ok, 2 maps and 1 unmap checked against the model (1 blkio instance, 2 events); "
        + "2 bounce-pool calls not compared (guest I/O is not in the capture)",
    ]
    #expect(output.split(separator: "\n").map(String.init) == expected)
  }

  /// The open tells releases apart: 7.2's blkio_virtio_blk_common_open()
  /// sets path and connects with no fd probe; 8.1's
  /// blkio_virtio_blk_connect() probes `blkio_set_int("fd", -1)` first; only
  /// the series as posted reads mem-regions-pinned.
  @Test func theOpenSequenceChoosesTheVariant() {
    let noProbe =
      Self.capture.split(separator: "\n").filter { !$0.hasPrefix("set-int") }
      .joined(separator: "\n") + "\n"
    let (capture, ram) = Self.files("release-72", capture: noProbe)
    let (status, output, _) = S.run(["check", "--calls-only", capture, "--ram", ram])
    #expect(status == 0)
    #expect(
      output.hasPrefix(
        "\(capture): assumed: the QEMU that made the capture behaves as variant 'qemu-7.2' (line 4 "
          + "connects a virtio-blk transport without probing the fd property first, as QEMU 7.2 "
          + "and 8.0 do)\n"))
    let (_, _, note) = S.run([
      "check", "-q", "--calls-only", capture, "--ram", ram, "--variant", "merged",
    ])
    #expect(
      note
        == "\(capture): note: the capture points to variant 'qemu-7.2', not 'merged': line 4 "
        + "connects a virtio-blk transport without probing the fd property first, as QEMU 7.2 and "
        + "8.0 do\n")
    let pinned = Self.capture.replacingOccurrences(
      of: "may-pin-mem-regions", with: "mem-regions-pinned")
    let (seedCapture, seedRAM) = Self.files("release-seed", capture: pinned)
    let (_, seedOutput, _) = S.run(["check", "--calls-only", seedCapture, "--ram", seedRAM])
    #expect(
      seedOutput.hasPrefix(
        "\(seedCapture): assumed: the QEMU that made the capture behaves as variant 'seed' (line 9 "
          + "reads mem-regions-pinned, which only the series as posted reads)\n"))
    // Nothing to tell by: an io_uring disk opens alike in every release.
    let uring =
      "regionsim-capture 1 pid=1\ncreate driver=io_uring ret=0 handle=0x1 tid=1\n"
      + "connect handle=0x1 ret=0 tid=1\nstart handle=0x1 ret=0 tid=1\ndestroy handle=0x1 tid=1\n"
    let (uringCapture, uringRAM) = Self.files("release-none", capture: uring)
    let (_, uringOutput, _) = S.run(["check", "--calls-only", uringCapture, "--ram", uringRAM])
    #expect(uringOutput.contains("variant 'merged' (nothing in it tells the release"))
  }

  @Test func aWrongFdOffsetIsReportedAtItsLine() {
    let planted = Self.capture.replacingOccurrences(
      of: "addr=0x7f5000000000 len=0x2000000 iova=0x0 fd-offset=0x0 fd=7 flags=0x0 ret=0",
      with: "addr=0x7f5000000000 len=0x2000000 iova=0x0 fd-offset=0x1000 fd=7 flags=0x0 ret=0")
    let (capture, ram) = Self.files("offset", capture: planted)
    let (status, output, _) = S.run(["check", "-q", "--calls-only", capture, "--ram", ram])
    #expect(status == 1)
    #expect(
      output == """
        \(capture):14: the capture's calls differ from the model's
          capture: > map addr=0x7f5000000000 len=0x2000000 fd=7 fd-offset=0x1000 ret=0
          model:   > map addr=0x7f5000000000 len=0x2000000 fd=7 fd-offset=0x0 ret=0
          the model's call comes from 'ramblock add dimm0 host=0x7f5000000000 max=0x2000000 fd=7' (event at line 13)
          differs in fd-offset

        """)
  }

  @Test func aMissingUnmapIsReportedAtTheRecordThatTookItsPlace() {
    let planted = Self.capture.split(separator: "\n").filter { !$0.hasPrefix("unmap") }
      .joined(separator: "\n")
    let (capture, ram) = Self.files("unmap", capture: planted + "\n")
    let (status, output, _) = S.run(["check", "-q", "--calls-only", capture, "--ram", ram])
    #expect(status == 1)
    #expect(
      output == """
        \(capture):18: the capture's calls differ from the model's
          capture: destroy handle=0x5500 tid=100
          model:   > unmap addr=0x7f5000000000 len=0x2000000 fd=7 fd-offset=0x0
          the model's call comes from 'ramblock remove dimm0' (event at line 17)
          the capture is missing the model's call

        """)
  }

  @Test func aMapNoInputExplainsAsksForAnEvent() {
    let planted = Self.capture.replacingOccurrences(of: "event ramblock add dimm0\n", with: "")
      .replacingOccurrences(of: "event ramblock remove dimm0\n", with: "")
    // Without the marker, dimm0 is boot RAM: registered with pc.ram. Its
    // unplug then reads as the device's removal, which unregisters pc.ram
    // first (RAM-list order: largest first).
    guard case .mismatch(let mismatch, _) = S.check(planted, ram: Self.ram) else {
      Issue.record("no mismatch")
      return
    }
    #expect(mismatch.line == 16)
    #expect(mismatch.model == "> unmap addr=0x7f4000000000 len=0x4000000 fd=5 fd-offset=0x0")
    #expect(mismatch.cause == "'registrar destroy blk1' (assumed at line 16)")
    // A map after everything is registered, with no event: the hint.
    let extra = Self.capture.replacingOccurrences(
      of: "destroy handle=0x5500 tid=100\n",
      with: "map handle=0x5500 addr=0x7f6000000000 len=0x1000000 iova=0x0 fd-offset=0x0 fd=-1 "
        + "flags=0x0 ret=0 tid=100\ndestroy handle=0x5500 tid=100\n")
    guard case .mismatch(let unexplained, _) = S.check(extra, ram: Self.ram) else {
      Issue.record("no mismatch")
      return
    }
    #expect(unexplained.line == 19 && unexplained.model == nil)
    #expect(unexplained.hint?.contains("event ramblock add NAME") == true)
  }

  @Test func theModelsVerdictOnTheOpenIsCompared() {
    // A start that failed in the capture: the model's open is given the
    // failure (start=fail), fails too, and so explains none of the maps
    // that follow.
    let failed = Self.capture.replacingOccurrences(
      of: "start handle=0x5500 ret=0", with: "start handle=0x5500 ret=-5")
    guard case .mismatch(let unexplained, _) = S.check(failed, ram: Self.ram) else {
      Issue.record("no mismatch")
      return
    }
    #expect(unexplained.line == 12 && unexplained.model == nil)
    // A virtio-mem device realized before the disk: blkio_open()'s
    // ram_block_discard_disable(true) fails with -EBUSY, so QEMU's open
    // fails where this capture's blkio_start() succeeded.
    guard
      case .mismatch(let refused, _) = S.check(
        Self.capture,
        ram: Self.ram.replacingOccurrences(
          of: "blkio-trace 1\n", with: "blkio-trace 1\ndiscard require\n"))
    else {
      Issue.record("no mismatch")
      return
    }
    #expect(refused.line == 10)
    #expect(refused.hint == "the model's open fails where blkio_start() succeeded")
    #expect(refused.model?.hasPrefix("> error ") == true)
  }

  @Test(arguments: [
    (
      "create driver=io_uring ret=0 handle=0x1 tid=1\n",
      "1: a record before the 'regionsim-capture 1' header"
    ),
    ("# nothing\n", "1: not a capture: no 'regionsim-capture 1' header"),
    (
      "regionsim-capture 1 pid=1\nregionsim-capture 1 pid=2\n",
      "2: a second 'regionsim-capture' header: another process wrote here; capture each QEMU "
        + "process into a file of its own"
    ),
    (
      "regionsim-capture 1 pid=1\nconnect handle=0x9 ret=0 tid=1\n",
      "2: handle 0x9 is not one a blkio_create() above returned"
    ),
    (
      "regionsim-capture 1 pid=1\nevent ramblock add nosuch\n",
      "2: event: the RAM trace (--ram) has no block 'nosuch' left to add; give it in full: "
        + "event ramblock add nosuch host=ADDR max=LEN fd=FD"
    ),
    (
      "regionsim-capture 1 pid=1\nevent frobnicate\n",
      "2: event: unknown record 'frobnicate'; inputs: ramblock, open, close, register, "
        + "unregister, discard, vfio, balloon, node, child, backend, registrar, read, write, "
        + "complete, shutdown; outputs start with '>'"
    ),
    (
      "regionsim-capture 1 pid=1\ncreate driver=virtio-blk-vhost-usr ret=0 handle=0x1 tid=1\n"
        + "start handle=0x1 ret=0 tid=1\n",
      "3: driver 'virtio-blk-vhost-usr' (created at line 2) is not one the model knows (did you "
        + "mean 'virtio-blk-vhost-user'?)"
    ),
  ])
  func invalidCapturesAreNamed(text: String, message: String) {
    let (capture, ram) = Self.files("invalid-\(abs(text.hashValue))", capture: text)
    let (status, _, errors) = S.run(["check", "-q", "--calls-only", capture, "--ram", ram])
    #expect(status == 65)
    #expect(errors == "\(capture):\(message)\n")
  }

  @Test func usageAndUnreadableFiles() {
    let (capture, ram) = Self.files("usage")
    #expect(S.run(["check", "--calls-only", capture, "--ram", ram, "x.trace"]).0 == 64)
    #expect(S.run(["check", "--ram", ram, "x.trace"]).0 == 64)
    let (status, _, errors) = S.run(["check", "--calls-only", "/nonexistent/c.txt", "--ram", ram])
    #expect(status == 66)
    #expect(errors == "/nonexistent/c.txt: cannot open: No such file or directory\n")
    // The capture on standard input.
    let (stdinStatus, output, _) = S.run(
      ["check", "--calls-only", "-", "--ram", ram], stdin: Self.capture)
    #expect(stdinStatus == 0)
    #expect(output.contains("<stdin>: ok, 2 maps and 1 unmap"))
  }
}

/// The runs Docs/Capture.md quotes are what `check --calls-only` prints.
@Suite struct CaptureDocsTests {
  typealias S = CaptureTestSupport

  @Test func theQuotedRunsAreWhatTheCheckPrints() throws {
    let root = ExamplesTests.folder.deletingLastPathComponent()
    let page = try String(
      contentsOf: root.appendingPathComponent("Docs").appendingPathComponent("Capture.md"),
      encoding: .utf8)
    let planted = CallsOnlyCheckTests.capture.replacingOccurrences(
      of: "fd-offset=0x0 fd=7 flags=0x0 ret=0", with: "fd-offset=0x1000 fd=7 flags=0x0 ret=0")
    for (name, capture, quiet) in [
      ("doc-match", CallsOnlyCheckTests.capture, false), ("doc-offset", planted, true),
    ] {
      let (path, ram) = CallsOnlyCheckTests.files(name, capture: capture)
      let arguments =
        ["check"] + (quiet ? ["-q"] : [])
        + ["--calls-only", path, "--ram", ram, "--variant", "qemu-10.1"]
      let (_, output, _) = S.run(arguments)
      let lines = output.replacingOccurrences(of: path, with: "/tmp/qemu-capture.txt")
        .split(separator: "\n")
      #expect(lines.count >= 5)
      for line in lines {
        #expect(page.contains(line), "Docs/Capture.md does not quote: \(line)")
      }
    }
  }
}

/// examples/capture/ imports and checks clean, as its README says.
@Suite struct BundledCaptureTests {
  typealias S = CaptureTestSupport

  @Test func theBundledCaptureImportsAndChecks() {
    let folder = ExamplesTests.folder.appendingPathComponent("capture").path
    let ram = S.folder("bundled") + "/ram.trace"
    let (imported, _, importErrors) = S.run([
      "import", "--ramblock", folder + "/info-ramblock.txt", "--memdev",
      folder + "/query-memdev.json", "--capture", folder + "/capture.txt", "--out", ram,
    ])
    #expect(imported == 0 && importErrors == "")
    let (checked, output, _) = S.run([
      "check", "--calls-only", folder + "/capture.txt", "--ram", ram,
    ])
    #expect(checked == 0)
    #expect(output.contains(": ok, 2 maps and 1 unmap checked against the model"))
  }
}
