/** Moved to renderer/app (the editor and the header use it too). */
export { useWorkspaceMember } from '../../app/use-workspace-member'
