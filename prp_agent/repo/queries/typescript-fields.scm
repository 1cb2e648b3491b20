; prp-agent: TypeScript's class fields (beside javascript.scm): `public router = Router()`.
(public_field_definition name: (property_identifier) @assign.name value: (_) @assign.value) @assign
