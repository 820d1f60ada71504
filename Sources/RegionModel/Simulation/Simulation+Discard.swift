// MARK: - The other RAM-discard participants

extension Simulation {
  /// Models virtio-mem's realize: `ram_block_coordinated_discard_require(true)`
  /// and its error message.
  mutating func discardRequire() -> Outcome {
    if discard.coordinatedRequire(true).failed {
      return .error("Discarding RAM is disabled")
    }
    realizedVirtioMemDevices += 1
    return .ok
  }

  /// Models virtio-mem's unrealize.
  mutating func discardRelease() throws(SimulationError) {
    guard realizedVirtioMemDevices > 0 else { throw .noVirtioMemRealized }
    _ = discard.coordinatedRequire(false)
    realizedVirtioMemDevices -= 1
  }

  /// Models a VFIO device's container set-up with a type1 IOMMU
  /// (`vfio_ram_block_discard_disable()` in `hw/vfio/container-legacy.c`,
  /// `hw/vfio/common.c` before 8.2): VFIO pins all guest RAM but supports
  /// coordinated discards (virtio-mem), so it takes the uncoordinated
  /// disable; on -EBUSY the device fails with `Cannot set discarding of RAM
  /// broken` and the errno's text.
  mutating func vfioAttach(log: inout CallLog) -> Outcome {
    let ret = discard.uncoordinatedDisable(true)
    log.record(.uncoordinatedDiscardDisable(ret))
    if case .failure(let errno) = ret {
      return .error("Cannot set discarding of RAM broken: \(errno.strerror)")
    }
    attachedVFIOContainers += 1
    return .ok
  }

  /// Models the VFIO container going away: the uncoordinated disable is
  /// dropped.
  mutating func vfioDetach(log: inout CallLog) throws(SimulationError) {
    guard attachedVFIOContainers > 0 else { throw .noVFIOAttached }
    _ = discard.uncoordinatedDisable(false)
    log.record(.uncoordinatedDiscardEnable)
    attachedVFIOContainers -= 1
  }

  /// Models virtio-balloon inflating one 4 KiB page (`balloon_inflate_page()`
  /// in `hw/virtio/virtio-balloon.c`): unless `virtio_balloon_inhibited()`
  /// (discard disabled in either way, which is what a blkio node that may
  /// pin memory does), the page of the RAMBlock that holds `host` is
  /// discarded with `ram_block_discard_range()`. A page in no block, or
  /// while discard is disabled, is left alone: the guest gave the page back
  /// but the host keeps it.
  mutating func balloonInflate(host: UInt64, log: inout CallLog) {
    guard !discard.isDisabled, ram.block(containingHost: host) != nil else { return }
    log.record(.discardRange(addr: host & ~0xFFF, len: 0x1000))
  }

  /// Flags a discard counter wrapping below zero during a step.
  mutating func checkDiscardCounter(underflowsBefore: Int) {
    if discard.underflows > underflowsBefore {
      hazards?.flag(
        .discardUnderflow,
        "a counter wrapped to \(UInt32.max): disable \(discard.disabledCount), uncoordinated "
          + "disable \(discard.uncoordinatedDisabledCount), coordinated require "
          + "\(discard.coordinatedRequiredCount)")
    }
  }
}
