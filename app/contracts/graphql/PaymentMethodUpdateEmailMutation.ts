/** Has Shopify email the customer a secure link to update the contract's payment method (App Store 5.4.5). */
export const PAYMENT_METHOD_UPDATE_EMAIL_MUTATION = `#graphql
  mutation PaymentMethodUpdateEmail($paymentMethodId: ID!) {
    customerPaymentMethodSendUpdateEmail(customerPaymentMethodId: $paymentMethodId) {
      customer {
        id
      }
      userErrors {
        field
        message
      }
    }
  }
`;
