/** Sets the subscription's delivery to one of the options fetched for the address (its token). */
export const DELIVERY_METHOD_SELECT_MUTATION = `#graphql
  mutation DeliveryMethodSelect($id: ID!, $token: String!, $method: SubscriptionDeliveryMethodInput!) {
    subscriptionContractSelectDeliveryMethod(subscriptionContractId: $id, subscriptionDeliveryOptionsResultToken: $token, deliveryMethodInput: $method) {
      contract { id }
      userErrors { code field message }
    }
  }
`;
