import RegionModel
import Testing

/// detect-zeroes and all-zero writes (U2), read against `block/io.c`:
/// `bdrv_aligned_pwritev()` turns the write into a zero write at the first
/// node with the option; 7.2.0 kept `BDRV_REQ_REGISTERED_BUF` and
/// `bdrv_co_do_pwrite_zeroes()` refused it with -EINVAL, 3c5867156e clears it.
@Suite struct ZeroWriteTests {
  static func calls(_ lines: [String], variant: DriverVariant) throws -> [String] {
    var simulation = Simulation(variant: variant)
    var out: [String] = []
    for line in lines {
      out += try simulation.apply(try TraceTestSupport.input(line)).calls.map {
        CanonicalForm.line(.call($0))
      }
    }
    return out
  }

  static func disk(registrar: Bool, detect: String = "detect-zeroes=unmap discard=unmap")
    -> [String]
  {
    [
      "ramblock add ram host=0x100000 max=1M fd=9", "open p driver=virtio-blk-vhost-user",
      "node add d format=raw \(detect)", "child add d p", "backend add b root=d",
    ] + (registrar ? ["registrar attach b"] : [])
  }

  static let zeroWrite = "write w blk=b host=0x101000 size=4K zeroes=true"

  @Test(arguments: [DriverVariant.seed, .qemu72])
  func beforeTheFixAFlaggedZeroWriteFailsWithNoCall(variant: DriverVariant) throws {
    let calls = try Self.calls(Self.disk(registrar: true) + [Self.zeroWrite], variant: variant)
    #expect(calls.last == "> done w ret=-EINVAL")
    #expect(!calls.contains { $0.hasPrefix("> submit") })
  }

  @Test(arguments: [DriverVariant.qemu90, .qemu101, .merged, .fixed])
  func afterTheFixItIsAZeroWriteWithoutBuffer(variant: DriverVariant) throws {
    let calls = try Self.calls(Self.disk(registrar: true) + [Self.zeroWrite], variant: variant)
    #expect(calls.last == "> submit w node=p addr=0x0 len=0x1000 via=zeroes")
  }

  @Test func anUnflaggedZeroWriteNeverFailed() throws {
    let calls = try Self.calls(Self.disk(registrar: false) + [Self.zeroWrite], variant: .qemu72)
    #expect(calls.last == "> submit w node=p addr=0x0 len=0x1000 via=zeroes")
  }

  @Test func withoutDetectZeroesTheZeroesAreJustData() throws {
    let calls = try Self.calls(
      Self.disk(registrar: true, detect: "") + [Self.zeroWrite], variant: .qemu72)
    #expect(calls.last == "> submit w node=p addr=0x101000 len=0x1000 via=direct")
  }

  @Test func theOptionsParseAsQEMUAllowsThem() throws {
    #expect(throws: TraceSyntaxError.self) {
      try TraceTestSupport.input("node add d detect-zeroes=unmap")
    }
    #expect(throws: TraceSyntaxError.self) {
      try TraceTestSupport.input("read r blk=b host=0x1000 size=4K zeroes=true")
    }
    let input = try TraceTestSupport.input("node add d detect-zeroes=on")
    #expect(CanonicalForm.line(input) == "node add d format=raw detect-zeroes=on")
    let write = try TraceTestSupport.input(Self.zeroWrite)
    #expect(CanonicalForm.line(write) == "write w blk=b host=0x101000 size=0x1000 zeroes=true")
  }

  /// U2 hit every driver: a file-posix leaf takes the request itself, and
  /// the zero write fails or goes out the same way.
  @Test func aFilePosixLeafTakesRequestsAndShowsU2Too() throws {
    let disk = [
      "node add f format=file detect-zeroes=on", "backend add b root=f", "registrar attach b",
    ]
    let plain = try Self.calls(
      disk + ["write x blk=b host=0x2000 size=4K"], variant: .qemu72)
    #expect(plain == ["> submit x node=f addr=0x2000 len=0x1000 via=direct"])
    #expect(try Self.calls(disk + [Self.zeroWrite], variant: .qemu72) == ["> done w ret=-EINVAL"])
    #expect(
      try Self.calls(disk + [Self.zeroWrite], variant: .qemu101)
        == ["> submit w node=f addr=0x0 len=0x1000 via=zeroes"])
  }
}
