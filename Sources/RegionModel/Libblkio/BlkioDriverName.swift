/// The libblkio drivers a trace can open; the QEMU block driver of the same
/// name is a blkio node (QEMU keeps the two names identical).
public enum BlkioDriverName: String, CaseIterable, Hashable, Sendable {
  case ioUring = "io_uring"
  case nvmeIoUring = "nvme-io_uring"
  case virtioBlkVfioPci = "virtio-blk-vfio-pci"
  case virtioBlkVhostUser = "virtio-blk-vhost-user"
  case virtioBlkVhostVdpa = "virtio-blk-vhost-vdpa"
}
