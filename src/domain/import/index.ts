// The reading of imported CSV rows: columns to fields, cells to user input. Pure, like the rest of src/domain.
export * from './columns';
export * from './cells';
export * from './dates';
export * from './formats';
