import RegionModel
import Testing

/// The monitor's RAMBlock listing and memdev list, read from samples made
/// with the format strings of QEMU's `ram_block_format()`: QEMU 7.2.0
/// (softmmu/physmem.c, b67b00e6b4): header `"%24s %8s  %18s %18s %18s\n"`,
/// row `"%24s %8s  0x%016" PRIx64 " 0x%016" PRIx64 " 0x%016" PRIx64 "\n"`;
/// QEMU 8.0.0 and later (dbc6ae9c3b; the same in 10.2.0's
/// system/physmem.c): two more columns, `" 0x%016" PRIx64 " %3s"` (HVA, RO).
@Suite struct MonitorListingTests {
  /// `info ramblock` of a QEMU 7.2 machine (printed with the format above).
  static let listing72 = """
                  Block Name    PSize              Offset               Used              Total
                      pc.ram    4 KiB  0x0000000000000000 0x0000000080000000 0x0000000080000000
       0000:00:02.0/vga.vram    4 KiB  0x0000000080000000 0x0000000001000000 0x0000000001000000
        /rom@etc/acpi/tables    4 KiB  0x0000000081000000 0x0000000000020000 0x0000000000200000

    """

  /// `info ramblock` of a QEMU 10.2 machine, after the HMP prompt.
  static let listing102 = """
    (qemu) info ramblock
                  Block Name    PSize              Offset               Used              Total                HVA  RO
                        mem0    2 MiB  0x0000000000000000 0x0000000040000000 0x0000000040000000 0x00007f3a00000000  rw
                     pc.bios    4 KiB  0x0000000040000000 0x0000000000040000 0x0000000000040000 0x00007f3b00000000  ro

    """

  @Test func qemu72ListingHasNoHostAddresses() throws {
    let (layout, blocks) = try RAMBlockListing.parse(Array(Self.listing72.utf8))
    #expect(layout == .withoutHostAddress)
    #expect(blocks.map(\.name) == ["pc.ram", "0000:00:02.0/vga.vram", "/rom@etc/acpi/tables"])
    #expect(blocks[2].used == 0x20000 && blocks[2].max == 0x200000)
    #expect(blocks[1].offset == 0x8000_0000 && blocks[1].pageSize == "4 KiB")
    #expect(blocks.allSatisfy { $0.host == nil && $0.readOnly == nil })
    #expect(blocks.map(\.line) == [2, 3, 4])
  }

  @Test func qemu102ListingHasHostAddressesAndAccess() throws {
    let (layout, blocks) = try RAMBlockListing.parse(Array(Self.listing102.utf8))
    #expect(layout == .withHostAddress)
    #expect(blocks.map(\.host) == [0x7f3a_0000_0000, 0x7f3b_0000_0000])
    #expect(blocks.map(\.readOnly) == [false, true])
    #expect(blocks[0].pageSize == "2 MiB")
  }

  @Test func theQMPRepliesCarryTheSameText() throws {
    // x-query-ramblock returns a HumanReadableText (qapi/machine.json,
    // since 6.2); human-monitor-command returns the text itself.
    let escaped = Self.listing102.replacingOccurrences(of: "\n", with: "\\r\\n")
    for reply in [
      "{\"return\": {\"human-readable-text\": \"\(escaped)\"}}",
      "{\"return\": \"\(escaped)\"}",
    ] {
      let (layout, blocks) = try RAMBlockListing.parse(Array(reply.utf8))
      #expect(layout == .withHostAddress)
      #expect(blocks.map(\.name) == ["mem0", "pc.bios"])
    }
  }

  @Test(arguments: [
    ("", "1: the RAMBlock listing is empty"),
    ("hello\n", "1: expected the header of 'info ramblock' (Block Name PSize Offset Used Total)"),
    (
      "Block Name PSize Offset Used Total\npc.ram 4 KiB 0x0 0x10\n",
      "2: a RAMBlock row needs 6 columns here (name, page size, offset, used, total); this one has 5"
    ),
    (
      "Block Name PSize Offset Used Total\npc.ram 4 KiB 0x0 0x10 zz\n",
      "2: Total 'zz' is not a 0x hex number"
    ),
    (
      "Block Name PSize Offset Used Total HVA RO\npc.ram 4 KiB 0x0 0x10 0x10 0x7f00 xx\n",
      "2: RO 'xx' is not ro or rw"
    ),
    (
      "{\"return\": {}}",
      "1: the JSON is not an x-query-ramblock reply (no return.human-readable-text)"
    ),
    (
      "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command x-query-ramblock has not been found\"}}",
      "1: the QMP reply is an error: The command x-query-ramblock has not been found"
    ),
    ("{\"return\": ", "1: the JSON text ends where a value should be"),
    ("{\"return\": " + String(repeating: "[", count: 100), "1: JSON nested deeper than 64 levels"),
  ])
  func malformedListingsAreNamed(text: String, message: String) {
    do {
      _ = try RAMBlockListing.parse(Array(text.utf8))
      Issue.record("parsed \(text)")
    } catch {
      #expect("\(error.line): \(error.message)" == message)
    }
  }

  @Test func queryMemdevGivesShareAndTheAddedFileProperties() throws {
    // Memdev (qapi/machine.json): id, size, merge, dump, prealloc, share,
    // reserve, host-nodes, policy; mem-path and offset added from qom-get.
    let reply = """
      {"return": [
        {"id": "mem0", "size": 1073741824, "merge": true, "dump": true, "prealloc": false,
         "share": true, "reserve": true, "host-nodes": [], "policy": "default",
         "mem-path": "/dev/hugepages/vm", "offset": 4096},
        {"size": 18446744073709551615, "merge": true, "dump": true, "prealloc": false,
         "share": false, "host-nodes": [0, 1], "policy": "bind"}
      ]}
      """
    let memdevs = try MemdevListing.parse(Array(reply.utf8))
    #expect(
      memdevs == [
        ListedMemdev(
          id: "mem0", size: 1 << 30, share: true, memPath: "/dev/hugepages/vm", offset: 4096),
        ListedMemdev(id: nil, size: UInt64.max, share: false),
      ])
    #expect(throws: TraceError.self) { try MemdevListing.parse(Array("{\"return\": [{}]}".utf8)) }
  }
}
