import Foundation
import RegionModel
import Testing

/// The merged driver (QEMU 7.2's block/blkio.c plus the later pool
/// rounding) and this project's fixed proposal, each change against the
/// seed's behaviour.
@Suite struct VariantTests {
  typealias T = TraceTestSupport

  static func check(_ body: String, variant: DriverVariant) -> CheckOutcome {
    TraceCheck.run(source: MemorySource("blkio-trace 1\n" + body), variant: variant)
  }

  /// The hazard codes the inputs of `body` show under `variant`.
  static func hazards(_ body: String, variant: DriverVariant) -> Set<HazardCode> {
    let found = HazardScan.run(source: MemorySource("blkio-trace 1\n" + body), variant: variant)
    return Set(((try? found.get()) ?? []).map(\.hazard.code))
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

  /// `fixed` fails the registration of a buffer it cannot map (here a
  /// RAMBlock without fd) instead of skipping it: the registrar reports the
  /// error, unregisters what it registered and is no longer ok, so no
  /// request carries the flag and every one is bounced. No request is
  /// checked against the mapped regions.
  @Test func fixedFailsAnUnmappableBufferAndTheDiskBounces() {
    let body = """
      ramblock add ram host=0x100000 max=1M fd=9
      ramblock add rom host=0x400000 max=1M
      open p driver=virtio-blk-vhost-user
      > discard-disable ret=0
      > ok
      backend add b root=p
      registrar attach b
      > map addr=0x100000 len=0x100000 fd=9 fd-offset=0x0 ret=0
      > report cannot map buffer 0x400000 with size 1048576: no RAMBlock with an fd holds it
      > unmap addr=0x100000 len=0x100000 fd=9 fd-offset=0x0
      # Not flagged: bounced, though ram was mapped a moment ago.
      read r1 blk=b host=0x100000 size=4K
      > alloc addr=0x7ffe00000000 len=0x21000 fd=1000 ret=0
      > map addr=0x7ffe00000000 len=0x21000 fd=1000 fd-offset=0x0 ret=0
      > submit r1 node=p addr=0x7ffe00000000 len=0x1000 via=bounce
      read r2 blk=b host=0x400000 size=4K
      > submit r2 node=p addr=0x7ffe00001000 len=0x1000 via=bounce
      complete r1
      > done r1 ret=0
      complete r2
      > done r2 ret=0
      # The registrar gave up: its notifier is gone, nothing is left to undo.
      registrar destroy b

      """
    #expect(T.passed(Self.check(body, variant: .fixed)), "\(Self.check(body, variant: .fixed))")
    // Every release skips rom and keeps the flag: r2 reaches libblkio
    // unmapped (io-unmapped).
    let hazards = Self.hazards(body, variant: .merged)
    #expect(hazards.contains(.ioUnmapped) && hazards.contains(.fdlessSkip), "\(hazards)")
  }

  /// `fixed` fails a registration that would map past `max-mem-regions`,
  /// keeping one slot for the bounce pool: the registrar gives up as for an
  /// unmappable buffer, and the pool gets its slot.
  @Test func fixedFailsARegistrationPastTheRegionLimitAndKeepsAPoolSlot() {
    let body = """
      ramblock add ram host=0x100000 max=1M fd=9
      ramblock add more host=0x800000 max=1M fd=10
      open p driver=virtio-blk-vhost-user max-mem-regions=3
      > discard-disable ret=0
      > ok
      backend add b root=p
      # libblkio's ring memory takes one of the three slots and one is kept
      # for the bounce pool: ram takes the last one, more finds none.
      registrar attach b
      > map addr=0x100000 len=0x100000 fd=9 fd-offset=0x0 ret=0
      > report cannot map buffer 0x800000 with size 1048576: all 1 memory regions for buffers are in use
      > unmap addr=0x100000 len=0x100000 fd=9 fd-offset=0x0
      read r1 blk=b host=0x800000 size=4K
      > alloc addr=0x7ffe00000000 len=0x21000 fd=1000 ret=0
      > map addr=0x7ffe00000000 len=0x21000 fd=1000 fd-offset=0x0 ret=0
      > submit r1 node=p addr=0x7ffe00000000 len=0x1000 via=bounce
      complete r1
      > done r1 ret=0

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
    // Generated for `fixed`, as explore does: a guest request's buffer is in
    // a RAMBlock that exists under this variant (a block the seed adds may
    // be refused here, and no virtio-blk request can point outside RAM).
    let scenarios = [
      ScenarioGenerator.scenario(&random, steps: 60, variant: .fixed),
      ScenarioGenerator.virtualMachine(&random, steps: 50, failures: true, variant: .fixed),
    ]
    for inputs in scenarios {
      var simulation = Simulation(variant: .fixed)
      for (index, input) in inputs.enumerated() {
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
