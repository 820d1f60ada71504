// MARK: - The transports behind the map

extension FakeBlkio {
  /// The transport's part of a map, for an application region or the ring
  /// memory.
  ///
  /// - io_uring, nvme-io_uring: nothing (libblkio registers nothing with
  ///   the kernel).
  /// - vhost-vdpa, VFIO (`VhostVdpa`/`Pci` `map_mem_region()`): the region
  ///   gets an IOVA (``IovaSpace/allocate(address:size:)``, which refuses
  ///   one intersecting a mapping with -EIO), then the kernel maps it
  ///   (``kernelRefusal(_:isRing:)``); a refusal frees the IOVA again.
  ///   vhost-vdpa passes the kernel's errno on; VFIO turns every refusal
  ///   into -EIO `Failed to set up IOMMU mapping process memory [A, A+L) to
  ///   device memory [I, I+L): <error>` (pci-driver's `PciIommuInternal::map`).
  /// - vhost-user: `VHOST_USER_ADD_MEM_REG` with a reply requested. An
  ///   injected failure is a non-zero reply, -EIO `reply contains an
  ///   error`. A backend with no free slot (libvhost-user's
  ///   `vu_add_mem_reg()`) breaks down (`vu_panic()`) yet replies 0, so the
  ///   map succeeds: the returned note says so.
  mutating func mapOnDevice(_ region: MemRegion, isRing: Bool) throws(BlkioFailure) -> String? {
    switch properties.driver {
    case .ioUring, .nvmeIoUring:
      return nil
    case .virtioBlkVhostUser:
      if !isRing {
        deviceMaps += 1
        if deviceMaps == properties.failMap {
          throw BlkioFailure(errno: .EIO, message: "reply contains an error")
        }
      }
      guard UInt64(deviceMappings) < properties.maxMemRegions else {
        backendBroken = true
        unbackedRegions.insert(region)
        return "the vhost-user backend has no free memory slot (\(properties.maxMemRegions) in "
          + "use): libvhost-user breaks down (vu_panic) and still acknowledges the region"
      }
      deviceMappings += 1
      return nil
    case .virtioBlkVfioPci, .virtioBlkVhostVdpa:
      // The space is edited through optional chaining, in place: a copy
      // taken out and written back would copy its trees on every map.
      guard let iova = try iovaSpace?.allocate(address: region.addr, size: region.len) else {
        return nil
      }
      if !isRing { deviceMaps += 1 }
      if let errno = kernelRefusal(region, isRing: isRing) {
        iovaSpace?.free(address: region.addr, size: region.len)
        guard properties.driver == .virtioBlkVfioPci else {
          throw BlkioFailure(errno: errno, message: errno.rustText)
        }
        let end = UInt128(region.addr) + UInt128(region.len)
        let iovaEnd = UInt128(iova) + UInt128(region.len)
        throw BlkioFailure(
          errno: .EIO,
          message: "Failed to set up IOMMU mapping process memory [\(CFormat.hex(region.addr)), "
            + "\(Self.hex(end))) to device memory [\(CFormat.hex(iova)), \(Self.hex(iovaEnd))): "
            + errno.rustText,
          reachedLimit: errno == .ENOSPC)
      }
      deviceMappings += 1
      pinnedBytes &+= region.len
      return nil
    }
  }

  /// Why the kernel refuses to map `region`, in the order its checks run:
  /// an empty region (-EINVAL, `vhost_vdpa_process_iotlb_update()` and
  /// `vfio_dma_do_map()`); VFIO's DMA entry limit, `max-mem-regions`
  /// (-ENOSPC); the locked-memory limit (-ENOMEM); then the injected
  /// failure (`fail-map`, by default -EFAULT, "Bad address", what pinning
  /// memory it cannot pin gives).
  func kernelRefusal(_ region: MemRegion, isRing: Bool) -> Errno? {
    if region.len == 0 { return .EINVAL }
    if properties.driver == .virtioBlkVfioPci,
      UInt64(deviceMappings) >= properties.maxMemRegions
    {
      return .ENOSPC
    }
    if let limit = properties.memlock, pinnedBytes > limit || region.len > limit - pinnedBytes {
      return .ENOMEM
    }
    if !isRing, deviceMaps == properties.failMap {
      return properties.failMapErrno ?? .EFAULT
    }
    return nil
  }

  /// The transport's part of an unmap of a recorded region. vhost-vdpa and
  /// VFIO translate it (nothing happens when no single mapping holds it),
  /// unmap it in the kernel and free every IOVA mapping that intersects
  /// it; vhost-user removes it from the backend.
  mutating func unmapOnDevice(_ region: MemRegion) {
    switch properties.driver {
    case .ioUring, .nvmeIoUring:
      return
    case .virtioBlkVhostUser:
      // Hashing the region to find it in an empty set was a cost on every
      // unmap of a large trace.
      if unbackedRegions.isEmpty || unbackedRegions.remove(region) == nil { deviceMappings -= 1 }
    case .virtioBlkVfioPci, .virtioBlkVhostVdpa:
      guard iovaSpace?.translate(address: region.addr, size: region.len) != nil else { return }
      // The kernel unmaps the one range translated; the bookkeeping frees
      // whatever intersects the region, which may be more or (at the top
      // of the address space) nothing.
      iovaSpace?.free(address: region.addr, size: region.len)
      deviceMappings -= 1
      pinnedBytes &-= region.len
    }
  }

  /// A 128-bit end as `%#lx` would print it modulo 2^64, as the Rust code's
  /// wrapping `usize` addition does.
  static func hex(_ value: UInt128) -> String {
    CFormat.hex(UInt64(truncatingIfNeeded: value))
  }
}

// MARK: - What each transport has

extension BlkioDriverName {
  /// The IOVA pools of the transports that keep an IOVA space: vhost-vdpa's
  /// whole 64-bit range (`VHOST_VDPA_GET_IOVA_RANGE` of a device without
  /// limits), and for VFIO the ranges a typical x86 host with an IOMMU
  /// reports (48 bits, without the MSI window at 0xfee00000), the first page
  /// dropped as libblkio drops it.
  var iovaPools: [ClosedRange<UInt64>]? {
    switch self {
    case .ioUring, .nvmeIoUring, .virtioBlkVhostUser: nil
    case .virtioBlkVhostVdpa: Self.vdpaPools
    case .virtioBlkVfioPci: Self.vfioPools
    }
  }

  // Built once: an array literal in the switch was allocated for every
  // instance opened.
  private static let vdpaPools: [ClosedRange<UInt64>] = [0...UInt64.max]
  private static let vfioPools: [ClosedRange<UInt64>] = [
    0x1000...0xFEDF_FFFF, 0xFEF0_0000...0xFFFF_FFFF_FFFF,
  ]

  /// The length of the ring memory a virtio-blk transport maps at start:
  /// one queue of 256 descriptors (`VirtqueueLayout`: descriptor table,
  /// available and used rings and 256 request buffers of 40 bytes, 16,912
  /// bytes), rounded up to the 4 KiB IOMMU page for vhost-vdpa and VFIO.
  var ringMemoryLength: UInt64? {
    switch self {
    case .ioUring, .nvmeIoUring: nil
    case .virtioBlkVhostUser: 16_912
    case .virtioBlkVfioPci, .virtioBlkVhostVdpa: 0x5000
    }
  }
}

extension BlkioDriverName {
  /// Whether the ring memory counts against `max-mem-regions`: a vhost-user
  /// slot, a VFIO DMA entry.
  var ringTakesASlot: Bool { self == .virtioBlkVhostUser || self == .virtioBlkVfioPci }

  /// Whether `fd` and `fd_offset` reach the device: only vhost-user sends
  /// them (as the slot's fd and `mmap_offset`); vhost-vdpa and VFIO ignore
  /// them, io_uring keeps no regions.
  var usesFDOffset: Bool { self == .virtioBlkVhostUser }

  /// Whether overlapping regions reach a device that does not refuse them:
  /// vhost-user's backend takes them; vhost-vdpa and VFIO refuse them in
  /// their IOVA space; io_uring keeps no regions.
  var sendsOverlapsToBackend: Bool { self == .virtioBlkVhostUser }
}
