import RegionModel
import Testing

/// `regionsim import`: the RAM map of a running QEMU as `ramblock add`
/// records, from the listing samples of ``MonitorListingTests`` (made with
/// QEMU's own format strings) and a capture.
@Suite struct ImportTests {
  typealias S = CaptureTestSupport

  /// A capture of QEMU 10.2 registering mem0 on vhost-user: the RAM
  /// registrar maps each block whole (host, max_length), with the block's fd
  /// and fd_offset 0 (`blkio_mem_region_from_host()`); pc.bios has no fd
  /// and is skipped.
  static let capture = """
    regionsim-capture 1 pid=7
    create driver=virtio-blk-vhost-user ret=0 handle=0x10 tid=7
    map handle=0x10 addr=0x7f3a00000000 len=0x40000000 iova=0x0 fd-offset=0x0 fd=33 flags=0x0 ret=0 fd-path=/dev/hugepages/vm tid=7

    """

  @Test func aQEMU102ListingWithCaptureAndMemdevs() {
    let folder = S.folder("import-102")
    S.write(MonitorListingTests.listing102, to: folder + "/info.txt")
    S.write(Self.capture, to: folder + "/capture.txt")
    S.write(
      "{\"return\": [{\"id\": \"mem0\", \"size\": 1073741824, \"merge\": true, \"dump\": true, "
        + "\"prealloc\": false, \"share\": false, \"host-nodes\": [], \"policy\": \"default\", "
        + "\"offset\": 8192}]}",
      to: folder + "/memdev.json")
    let (status, output, errors) = S.run([
      "import", "--ramblock", folder + "/info.txt", "--memdev", folder + "/memdev.json",
      "--capture", folder + "/capture.txt",
    ])
    #expect(status == 0)
    #expect(errors == "")
    let records = output.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
    #expect(
      records == [
        "blkio-trace 1",
        "ramblock add mem0 host=0x7f3a00000000 max=0x40000000 fd=33 fd-offset=0x2000",
        "ramblock add pc.bios host=0x7f3b00000000 max=0x40000 fd=-1",
      ])
    #expect(
      output.contains(
        "# mem0: page size 2 MiB, ram_addr offset 0x0; memdev share=false; a private mapping: a "
          + "vhost-user backend does not see the guest's writes; fd 33 from the capture's map at "
          + "line 3 (/dev/hugepages/vm)"))
    #expect(
      output.contains(
        "# pc.bios: page size 4 KiB, ram_addr offset 0x40000000; fd not known: the capture has "
          + "no map of it (a driver that needs fds skips blocks without one); -1 written; "
          + "read-only"))
    // What it writes is a trace `check` takes.
    let (checked, _, _) = S.run(["check", "-q", "-"], stdin: output)
    #expect(checked == 0)
  }

  @Test func aQEMU72ListingTakesHostAddressesFromTheMaps() {
    let folder = S.folder("import-72")
    S.write(MonitorListingTests.listing72, to: folder + "/info.txt")
    S.write(
      """
      regionsim-capture 1 pid=7
      create driver=virtio-blk-vfio-pci ret=0 handle=0x10 tid=7
      map handle=0x10 addr=0x7f0000000000 len=0x80000000 iova=0x0 fd-offset=0x0 fd=-1 flags=0x0 ret=0 tid=7
      map handle=0x10 addr=0x7f2000000000 len=0x200000 iova=0x0 fd-offset=0x0 fd=-1 flags=0x0 ret=0 tid=7

      """, to: folder + "/capture.txt")
    let (status, output, errors) = S.run([
      "import", "--ramblock", folder + "/info.txt", "--capture", folder + "/capture.txt",
    ])
    #expect(status == 0)
    let records = output.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
    #expect(
      records == [
        "blkio-trace 1",
        "ramblock add pc.ram host=0x7f0000000000 max=0x80000000 fd=-1",
        "ramblock add _rom_etc_acpi_tables host=0x7f2000000000 max=0x200000 used=0x20000 fd=-1",
      ])
    #expect(output.contains("# ramblock add 0000_00_02.0_vga.vram host=? max=0x1000000"))
    #expect(output.contains("RAMBlock '/rom@etc/acpi/tables'"))
    #expect(output.contains("its map at line 3 carries no fd (the driver needs none)"))
    #expect(
      errors
        == "regionsim import: \(folder)/info.txt:3: 0000:00:02.0/vga.vram: host address not "
        + "known: the listing has no host addresses (QEMU before 8.0) and no map in the capture "
        + "has its length; its record is left commented out\n")
  }

  @Test func errorsNameTheFile() {
    let folder = S.folder("import-errors")
    S.write("nonsense\n", to: folder + "/bad.txt")
    #expect(S.run(["import"]).0 == 64)
    #expect(S.run(["import", "--ramblock", folder + "/bad.txt", "extra"]).0 == 64)
    let (status, _, errors) = S.run(["import", "--ramblock", folder + "/bad.txt"])
    #expect(status == 65)
    #expect(
      errors
        == "\(folder)/bad.txt:1: expected the header of 'info ramblock' (Block Name PSize Offset "
        + "Used Total)\n")
    let (missing, _, missingErrors) = S.run(["import", "--ramblock", folder + "/none.txt"])
    #expect(missing == 66)
    #expect(missingErrors == "\(folder)/none.txt: cannot open: No such file or directory\n")
    S.write(MonitorListingTests.listing102, to: folder + "/info.txt")
    S.write("regionsim-capture 1 pid=1\nmap handle=0x1\n", to: folder + "/capture.txt")
    let (garbled, _, garbledErrors) = S.run([
      "import", "--ramblock", folder + "/info.txt", "--capture", folder + "/capture.txt",
    ])
    #expect(garbled == 65)
    #expect(garbledErrors == "\(folder)/capture.txt:2: map: missing addr=\n")
  }
}
