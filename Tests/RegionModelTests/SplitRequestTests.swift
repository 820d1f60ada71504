import RegionModel
import Testing

/// Requests larger than the node's max-transfer go to the driver in
/// fragments, one after the other (`bdrv_aligned_preadv()`/`pwritev()` in
/// `block/io.c`): each keeps the request's flags, each bounced fragment has
/// its own bounce buffer, so the pool is sized for a fragment, and only the
/// last completion ends the request.
@Suite struct SplitRequestTests {
  static func outputs(_ lines: [String]) throws -> [String] {
    var simulation = Simulation(variant: .qemu101)
    var out: [String] = []
    for line in lines {
      out += try simulation.apply(try TraceTestSupport.input(line)).calls.map {
        CanonicalForm.line(.call($0))
      }
    }
    return out
  }

  @Test func aBouncedRequestIsSplitAndThePoolSizedForAFragment() throws {
    let out = try Self.outputs([
      "ramblock add ram host=0x7f0000000000 max=1G fd=20",
      "open p driver=virtio-blk-vhost-user max-transfer=1M", "backend add b root=p",
      "write w blk=b host=0x7f0000100000 size=0x280000", "complete w", "complete w", "complete w",
    ])
    #expect(
      out.filter { $0.hasPrefix("> submit") }.map { $0.split(separator: " ")[5] } == [
        "len=0x100000", "len=0x100000", "len=0x80000",
      ])
    #expect(out.contains("> alloc addr=0x7ffe00000000 len=0x120000 fd=1000 ret=0"))
    #expect(out.filter { $0.hasPrefix("> done") } == ["> done w ret=0"])
    #expect(out.last == "> done w ret=0")
  }

  @Test func aFlaggedRequestKeepsTheFlagOnEveryFragment() throws {
    let out = try Self.outputs([
      "ramblock add ram host=0x7f0000000000 max=1G fd=20",
      "open p driver=virtio-blk-vhost-user max-transfer=1M", "backend add b root=p",
      "registrar attach b", "read r blk=b host=0x7f0000400000 size=0x180000", "complete r",
    ])
    #expect(
      out.suffix(2) == [
        "> submit r node=p addr=0x7f0000400000 len=0x100000 via=direct",
        "> submit r node=p addr=0x7f0000500000 len=0x80000 via=direct",
      ])
  }

  @Test func nvmeSplitsAt65536Blocks() throws {
    let out = try Self.outputs([
      "open n driver=nvme-io_uring", "backend add c root=n",
      "read r blk=c host=0x100000 size=0x2001000",
    ])
    #expect(out.last == "> submit r node=n addr=0x100000 len=0x2000000 via=direct")
  }

  @Test func aFailedFragmentEndsTheRequest() throws {
    let out = try Self.outputs([
      "open n driver=io_uring max-transfer=4096", "backend add c root=n",
      "read r blk=c host=0x100000 size=0x3000", "complete r ret=-EIO",
    ])
    #expect(out.last == "> done r ret=-EIO")
    #expect(out.filter { $0.hasPrefix("> submit") }.count == 1)
  }

  @Test func aMaxTransferTheAlignmentDoesNotDivideIsRefused() throws {
    var simulation = Simulation()
    #expect(throws: SimulationError.self) {
      try simulation.apply(
        try TraceTestSupport.input("open p driver=virtio-blk-vhost-vdpa max-transfer=1000"))
    }
  }
}
