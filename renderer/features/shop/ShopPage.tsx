import { ShoppingBag } from 'lucide-react'
import { EmptyState } from '../../ui/EmptyState'

export function ShopPage() {
  return (
    <EmptyState
      icon={ShoppingBag}
      title="No products yet"
      availability="Shop tagging is not available in this build yet."
    >
      Shop products you can tag in videos, and the commissions they earn, appear here.
    </EmptyState>
  )
}
