import Foundation
import Testing

@testable import RegionModel

/// The merged driver (QEMU 7.2's block/blkio.c plus the later pool
/// rounding) and this project's fixed proposal, each change against the
/// seed's behaviour.
@Suite struct VariantTests {
  typealias T = TraceTestSupport

  static func check(_ body: String, variant: DriverVariant) -> CheckOutcome {
    TraceCheck.run(source: MemorySource("blkio-trace 1\n" + body), variant: variant)
  }

  @Test func mergedReadsMayPinMemRegions() {
    // io_uring told it may pin: merged disables discard, the seed does not
    // read the property at all.
    let body = "open u driver=io_uring may-pin-mem-regions=true\n> discard-disable ret=0\n> ok\n"
    #expect(T.passed(Self.check(body, variant: .merged)))
    #expect(T.mismatch(Self.check(body, variant: .seed)) != nil)
    // And mem-regions-pinned, which the seed reads, means nothing to merged.
    let draft = "open u driver=io_uring mem-regions-pinned=true\n> ok\n"
    #expect(T.passed(Self.check(draft, variant: .merged)))
  }

  @Test func qemu72DoesNotRoundTheBouncePool() {
    // 512 + 128 KiB = 0x20200, which 4096 does not divide: libblkio refuses
    // the allocation and the request fails (U1, fixed in 9.0).
    let body = """
      open v driver=virtio-blk-vhost-vdpa
      > discard-disable ret=0
      > ok
      backend add b root=v
      write w blk=b host=0x1000 size=512
      > alloc addr=0x0 len=0x20200 fd=-1 ret=-EINVAL
      > done w ret=-EINVAL

      """
    #expect(T.passed(Self.check(body, variant: .qemu72)))
    #expect(T.passed(Self.check(body, variant: .seed)))
    #expect(T.mismatch(Self.check(body, variant: .qemu90)) != nil)
  }

  @Test func mergedRoundsTheBouncePool() {
    // 512 + 128 KiB = 0x20200, rounded up to 4096: 0x21000.
    let body = """
      open v driver=virtio-blk-vhost-vdpa
      > discard-disable ret=0
      > ok
      backend add b root=v
      write w blk=b host=0x1000 size=512
      > alloc addr=0x7ffe00000000 len=0x21000 fd=1000 ret=0
      > map addr=0x7ffe00000000 len=0x21000 fd=1000 fd-offset=0x0 ret=0
      > submit w node=v addr=0x7ffe00000000 len=0x200 via=bounce

      """
    #expect(T.passed(Self.check(body, variant: .merged)), "\(Self.check(body, variant: .merged))")
    #expect(T.passed(Self.check(body, variant: .qemu90)))
  }

  @Test func fixedAddsTheFileOffsetAndChecksAlignmentSeparately() {
    let body = """
      ramblock add r host=0x10000 max=0x10000 fd=7 fd-offset=0x40000000
      open d driver=virtio-blk-vhost-user
      > discard-disable ret=0
      > ok
      register d host=0x10100 size=0x100
      > map addr=0x10100 len=0x100 fd=7 fd-offset=0x40000100 ret=0
      > ok
      open e driver=virtio-blk-vfio-pci mem-region-alignment=3
      > discard-disable ret=0
      > ok
      register e host=1 size=2
      > error unaligned buf 0x1 with size 2
      register e host=3 size=6
      > map addr=0x3 len=0x6 fd=-1 fd-offset=0x0 ret=0
      > ok

      """
    #expect(T.passed(Self.check(body, variant: .fixed)), "\(Self.check(body, variant: .fixed))")
  }

  @Test func fixedCountsRegistrationsAndUnregistersInReverse() {
    let body = """
      ramblock add r host=0x100000 max=1M fd=9
      open a driver=virtio-blk-vhost-user
      > discard-disable ret=0
      > ok
      open b driver=virtio-blk-vhost-user
      > discard-disable ret=0
      > ok
      node add q format=raw
      child add q a
      child add q b
      # Registration visits b, then a; the second register only counts.
      register q host=0x100000 size=1M
      > map addr=0x100000 len=0x100000 fd=9 fd-offset=0x0 ret=0
      > map addr=0x100000 len=0x100000 fd=9 fd-offset=0x0 ret=0
      > ok
      register a host=0x100000 size=1M
      > ok
      # Unregistration goes in reverse: a (count 2 -> 1, no unmap), then b.
      unregister q host=0x100000 size=1M
      > unmap addr=0x100000 len=0x100000 fd=9 fd-offset=0x0
      unregister a host=0x100000 size=1M
      > unmap addr=0x100000 len=0x100000 fd=9 fd-offset=0x0
      # Nothing is left: a further unregister makes no call.
      unregister a host=0x100000 size=1M

      """
    #expect(T.passed(Self.check(body, variant: .fixed)), "\(Self.check(body, variant: .fixed))")
  }

  @Test func fixedBouncesFlaggedBuffersThatAreNotMappedAndKeepsAPoolSlot() {
    let body = """
      ramblock add ram host=0x100000 max=1M fd=9
      ramblock add rom host=0x400000 max=1M
      ramblock add more host=0x800000 max=1M fd=10
      open p driver=virtio-blk-vhost-user max-mem-regions=3
      > discard-disable ret=0
      > ok
      backend add b root=p
      # libblkio's ring memory takes one of the three slots. ram takes the one
      # slot registrations may use; rom has no fd and more finds no slot:
      # both stay unmapped, and the registrar stays ok.
      registrar attach b
      > map addr=0x100000 len=0x100000 fd=9 fd-offset=0x0 ret=0
      read r1 blk=b host=0x100000 size=4K
      > submit r1 node=p addr=0x100000 len=0x1000 via=direct
      # Flagged, but not mapped: bounced, into the slot kept for the pool.
      read r2 blk=b host=0x400000 size=4K
      > alloc addr=0x7ffe00000000 len=0x21000 fd=1000 ret=0
      > map addr=0x7ffe00000000 len=0x21000 fd=1000 fd-offset=0x0 ret=0
      > submit r2 node=p addr=0x7ffe00000000 len=0x1000 via=bounce
      # The registrar unregisters only what it registered: ram.
      complete r1
      > done r1 ret=0
      complete r2
      > done r2 ret=0
      registrar destroy b
      > unmap addr=0x100000 len=0x100000 fd=9 fd-offset=0x0

      """
    #expect(T.passed(Self.check(body, variant: .fixed)), "\(Self.check(body, variant: .fixed))")
  }

  @Test func aTraceCanPinItsVariant() {
    let pinned =
      "# regionsim: variant=merged\nblkio-trace 1\n"
      + "open u driver=io_uring may-pin-mem-regions=true\n> discard-disable ret=0\n"
    #expect(T.passed(T.check(pinned)))
    #expect(T.invalidLine(T.check("blkio-trace 1\n# regionsim: variant=best\n")) == 2)
    #expect(
      T.invalidLine(T.check("blkio-trace 1\ndiscard require\n# regionsim: variant=fixed\n")) == 3)
    // Other comments that merely mention regionsim are comments.
    #expect(T.passed(T.check("# regionsim: hello\nblkio-trace 1\n")))
  }

  @Test(arguments: PropertyCheck.seeds)
  func fixedNeverShowsTheHazardsItRemoves(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    let scenarios = [
      ScenarioGenerator.scenario(&random, steps: 60),
      ScenarioGenerator.virtualMachine(&random, steps: 50, failures: true),
    ]
    for inputs in scenarios {
      var simulation = Simulation(variant: .fixed)
      for (index, input) in inputs.enumerated() {
        // Scenarios are valid for the seed; a few inputs may be refused under
        // another variant (a node whose open now fails), which is fine.
        guard let output = try? simulation.apply(input) else { continue }
        let removed = output.hazards.filter { DriverVariant.fixed.removedHazards.contains($0.code) }
        #expect(removed.isEmpty, "seed \(seed), input \(index + 1): \(removed)")
      }
    }
  }
}

/// Docs/Variants.md's hazard × variant table is what exploration finds, and
/// the releases differ where upstream changed the code.
@Suite struct VariantTableTests {
  static let found = VariantTable.found(ExploreOptions(seed: 1, runs: 2000))

  @Test func theDocumentedTableIsWhatExploreFinds() throws {
    let page = try String(
      contentsOf: DocsTests.folder.deletingLastPathComponent().appendingPathComponent(
        "Variants.md"),
      encoding: .utf8)
    let table = VariantTable.markdown(Self.found)
    #expect(page.contains(table), "regenerate it with regionsim explore --variant-table")
  }

  @Test func exploreFindsU1InQEMU72AndNotFrom90On() {
    #expect(Self.found[.qemu72]?.contains(.bouncePoolUnaligned) == true)
    #expect(Self.found[.qemu90]?.contains(.bouncePoolUnaligned) == false)
    #expect(Self.found[.merged] == Self.found[DriverVariant.newestRelease])
  }
}
