export const SCIM_CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
