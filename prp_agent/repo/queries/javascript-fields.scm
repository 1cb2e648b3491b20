; prp-agent: JavaScript's class fields (beside javascript.scm): `router = Router()`.
(field_definition property: (property_identifier) @assign.name value: (_) @assign.value) @assign
