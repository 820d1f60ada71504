import RegionModel
import Testing

/// The block graph, BlockBackends and the RAM registrar, reasoned from
/// bdrv_register_buf(), bdrv_register_buf_rollback(), bdrv_unregister_buf(),
/// blk_register_buf() and block-ram-registrar.c.
@Suite struct BlockLayerTests {
  typealias T = TraceTestSupport

  @Test func graphRulesAreErrorsOfTheTrace() {
    let base = """
      blkio-trace 1
      open p driver=io_uring
      > ok
      node add a format=raw
      node add b format=raw

      """
    #expect(T.invalidLine(T.check(base + "child add p a\n")) == 6)  // blkio nodes have no children
    #expect(T.invalidLine(T.check(base + "child add a zz\n")) == 6)
    #expect(T.invalidLine(T.check(base + "child add a b\nchild add b a\n")) == 7)  // cycle
    #expect(T.invalidLine(T.check(base + "child add a b\nchild add a b\n")) == 7)  // repeated
    #expect(T.invalidLine(T.check(base + "child add a p\nclose p\n")) == 7)  // in use
    #expect(T.invalidLine(T.check(base + "backend add k root=a\nnode remove a\n")) == 7)
    #expect(T.invalidLine(T.check(base + "node add p\n")) == 6)  // name taken
    #expect(T.invalidLine(T.check(base + "open a driver=io_uring\n")) == 6)
    #expect(T.invalidLine(T.check(base + "child remove a b\n")) == 6)
    #expect(T.passed(T.check(base + "child add a b\nchild remove a b\nnode remove b\n")))
  }

  @Test func sharedNodesCannotMakeRegistrationExplode() {
    // A chain of diamonds doubles the paths at each level; the graph
    // refuses the edge that would let one registration visit over 1024.
    var lines = ["blkio-trace 1", "node add n0"]
    var refusedAt: Int?
    for level in 1...12 {
      lines += ["node add l\(level)", "node add r\(level)", "node add n\(level)"]
      lines += ["child add l\(level) n\(level - 1)", "child add r\(level) n\(level - 1)"]
      lines += ["child add n\(level) l\(level)", "child add n\(level) r\(level)"]
      if case .failed(.invalid(let error)) = T.check(lines.joined(separator: "\n") + "\n") {
        refusedAt = level
        #expect(error.message.contains("more than 1024 nodes"))
        break
      }
    }
    #expect(refusedAt == 9)
  }

  /// Every release since 7103895123; the series as posted crashes on the
  /// registrar without root (ShutdownTests).
  @Test func registerWithoutRootOrChildrenSucceedsWithoutCalls() {
    let trace = """
      # regionsim: variant=qemu-7.2
      blkio-trace 1
      ramblock add ram host=0x100000 max=1M fd=9
      node add lonely format=raw
      register lonely host=0x100000 size=1M
      > ok
      backend add empty
      registrar attach empty
      ramblock add more host=0x400000 max=1M fd=10
      ramblock remove ram

      """
    #expect(T.passed(T.check(trace)), "\(T.check(trace))")
  }

  /// Pinned to a release: after `backend detach` the series as posted
  /// crashes instead (ShutdownTests).
  @Test func theRegistrarFollowsRAMHotplugAndSkipsNullHosts() {
    let trace = """
      # regionsim: variant=qemu-7.2
      blkio-trace 1
      open p driver=virtio-blk-vhost-user
      > discard-disable ret=0
      > ok
      backend add b root=p
      registrar attach b
      # Hotplug after the registrar: added() registers max, not used.
      ramblock add dimm host=0x100000 max=2M used=1M fd=9
      > map addr=0x100000 len=0x200000 fd=9 fd-offset=0x0 ret=0
      # A block at host 0 has no host for the notifiers (QEMU's "if (host)").
      ramblock add nohost host=0 max=4K fd=8
      # Removal: removed() while the block is still in the list.
      ramblock remove dimm
      > unmap addr=0x100000 len=0x200000 fd=9 fd-offset=0x0
      # Detaching the root: blk_unregister_buf() then does nothing.
      ramblock add dimm2 host=0x400000 max=1M fd=11
      > map addr=0x400000 len=0x100000 fd=11 fd-offset=0x0 ret=0
      backend detach b
      ramblock remove dimm2
      registrar destroy b

      """
    #expect(T.passed(T.check(trace)), "\(T.check(trace))")
  }

  @Test func aFailedRegistrarStopsRegisteringAndDestroyDoesNothing() {
    let trace = """
      blkio-trace 1
      ramblock add ram host=0x100000 max=1M
      open p driver=virtio-blk-vfio-pci max-mem-regions=1
      > discard-disable ret=0
      > ok
      backend add b root=p
      registrar attach b
      > map addr=0x100000 len=0x100000 fd=-1 fd-offset=0x0 ret=-EIO
      > report Failed to add blkio mem region 0x100000 with size 1048576: \(Self.dmaFull)
      > unmap addr=0x100000 len=0x100000 fd=-1 fd-offset=0x0
      # ok is false and the notifier is gone: hotplug is not seen.
      ramblock add more host=0x400000 max=1M
      registrar destroy b
      registrar attach b
      > map addr=0x100000 len=0x100000 fd=-1 fd-offset=0x0 ret=-EIO
      > report Failed to add blkio mem region 0x100000 with size 1048576: \(Self.dmaFull)
      > unmap addr=0x100000 len=0x100000 fd=-1 fd-offset=0x0
      > unmap addr=0x400000 len=0x100000 fd=-1 fd-offset=0x0

      """
    #expect(T.passed(T.check(trace)), "\(T.check(trace))")
  }

  /// VFIO's kernel refusing a DMA entry past `max-mem-regions` (the ring
  /// memory holds [0x1000, 0x6000) of the IOVAs, so the region gets 0x6000).
  static let dmaFull =
    "Failed to set up IOMMU mapping process memory [0x100000, 0x200000) to device memory "
    + "[0x6000, 0x106000): No space left on device (os error 28)"

  @Test func rollbackUnregistersEarlierChildrenThenTheNodesOwnHook() {
    // q's list is [b, a]: a is added first, b goes to the head. b maps, a
    // fails (its backend refuses the first map), so the rollback
    // unregisters b.
    let trace = """
      blkio-trace 1
      ramblock add ram host=0x100000 max=1M fd=9
      open a driver=virtio-blk-vhost-user fail-map=1
      > discard-disable ret=0
      > ok
      open b driver=virtio-blk-vhost-user
      > discard-disable ret=0
      > ok
      node add q format=raw
      child add q a
      child add q b
      register q host=0x100000 size=1M
      > map addr=0x100000 len=0x100000 fd=9 fd-offset=0x0 ret=0
      > map addr=0x100000 len=0x100000 fd=9 fd-offset=0x0 ret=-EIO
      > unmap addr=0x100000 len=0x100000 fd=9 fd-offset=0x0
      > error Failed to add blkio mem region 0x100000 with size 1048576: reply contains an error

      """
    #expect(T.passed(T.check(trace)), "\(T.check(trace))")
  }
}
